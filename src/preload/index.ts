// Placeholder: the preload bridge lands with the menu-bar app issue.
export {};
