#!/usr/bin/env python3
"""N real FIN_WAIT_1 orphans on loopback, for the 20,000-socket load check (README, Reliability).

A server that never reads (4 KiB receive buffer) and clients that write 64 KiB and close, so each
client socket is left in FIN_WAIT_1 with bytes in Send-Q and no owner. Small buffers keep 20,000
of them near 1 GB of kernel memory. Prints the server's port once ready, then holds for 15 min.
One process holds its accepted sockets open, so run two of 10,000 where the open-file limit is
20,000:

  python3 bench/load/fin-wait1-farm.py 10000 > a.port & python3 bench/load/fin-wait1-farm.py 10000 > b.port &
  node bin/apsd-watch.mjs status --json --port "$(cat a.port)" --port "$(cat b.port)" --peer 127.0.0.0/8
"""
import socket
import sys
import time

count = int(sys.argv[1])
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
server.bind(("127.0.0.1", 0))
server.listen(4096)
port = server.getsockname()[1]
held = []
payload = b"x" * 65536
for _ in range(count):
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 32768)
    client.connect(("127.0.0.1", port))
    held.append(server.accept()[0])
    client.setblocking(False)
    try:
        client.send(payload)
    except BlockingIOError:
        pass
    client.close()
print(port, flush=True)
time.sleep(900)
