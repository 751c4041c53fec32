"""Websocket handshakes in the server's log without who or where (issue 18 #17).

uvicorn logs every websocket handshake on `uvicorn.error`, even with `--no-access-log`, as
`<client address> - "WebSocket <path>" [accepted]`: the path names a crisis chat or a
private group, and the address a person. Unless LOG_CONNECTIONS is on, both are blanked;
the line itself (accepted or refused) stays for counting.
"""

import logging

HIDDEN = "-"


class ConnectionLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if "WebSocket" in message and isinstance(record.args, tuple) and record.args:
            record.args = tuple(HIDDEN for _ in record.args)
        return True


def quiet_connection_logs(enabled: bool) -> None:
    """Call once at start-up with settings.LOG_CONNECTIONS."""
    if enabled:
        return
    for name in ("uvicorn.error", "uvicorn.access", "daphne.server", "daphne.ws_protocol"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, ConnectionLogFilter) for f in logger.filters):
            logger.addFilter(ConnectionLogFilter())
