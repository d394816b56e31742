"""A TCP proxy to stand between a server and its database, so that a test
can take the database away and give it back while the server runs."""

import socket
import threading
from contextlib import suppress


class TcpProxy:
    """Forwards connections on a loopback port to `upstream`.

    stop() closes the listener and every forwarded connection, as a database
    that goes down does: the server's persistent connections break and new
    ones are refused. start() again on the same port brings it back.
    """

    def __init__(self, upstream):
        self.upstream = upstream
        self.port = 0
        self._listener = None
        self._accepting = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._sockets = set()
        self._pumps = []

    def start(self):
        if self._listener is not None:
            return self  # already forwarding
        listener = socket.socket()
        # The same port again at once, though the last connections through it
        # are still in TIME_WAIT.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        # accept() wakes up now and then to see whether it should stop:
        # closing a socket does not wake a thread blocked on it.
        listener.settimeout(0.1)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stopping.clear()
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()
        return self

    def stop(self):
        self._stopping.set()
        if self._accepting is not None:
            self._accepting.join()
            self._accepting = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, set()
            pumps, self._pumps = self._pumps, []
        for sock in sockets:
            # shutdown() wakes the pumps blocked in recv(); close() would not.
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for pump in pumps:
            pump.join()
        for sock in sockets:
            sock.close()

    def _accept(self):
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            client.settimeout(None)
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            pumps = [
                threading.Thread(target=self._pump, args=pair, daemon=True)
                for pair in ((client, server), (server, client))
            ]
            with self._lock:
                self._sockets.update((client, server))
                self._pumps.extend(pumps)
            for pump in pumps:
                pump.start()

    @staticmethod
    def _pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        # One side has gone: the other is told, as a dropped connection would.
        for sock in (source, target):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
