"""`python -m generator.serve_check PORT`: one clear line instead of mkdocs' traceback when the port is taken.

`make serve` runs it before `mkdocs serve`, which binds the same address the same way (127.0.0.1, address reuse
allowed, so a port left in TIME_WAIT by the last server is free).
"""

import socket
import sys

HOST = "127.0.0.1"


def is_free(port: int, host: str = HOST) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def busy_message(port: int) -> str | None:
    """None when `port` is free, else the line to print, suggesting the next port that is free."""
    if is_free(port):
        return None
    other = next((candidate for candidate in range(port + 1, min(port + 100, 65536)) if is_free(candidate)), None)
    hint = f"; run 'make serve PORT={other}'" if other else "; choose another with 'make serve PORT=…'"
    return f"Port {port} is in use{hint}"


def main(argv: list[str]) -> int:
    text = argv[0] if len(argv) == 1 else ""
    if not text.isdigit() or not 0 < int(text) < 65536:
        print(f"PORT must be a number from 1 to 65535, not {text!r}", file=sys.stderr)
        return 2
    message = busy_message(int(text))
    if message:
        print(message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
