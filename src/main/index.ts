// Placeholder: the Electron main process lands with the menu-bar app issue.
export {};
