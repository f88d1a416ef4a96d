"""A small SMTP server for benchmarks: accepts every mail, writes one line per mail to a log
("<X-Depesche-Mail> <Message-ID>"), and refuses all connections (421) while a file named
'refuse' exists next to the log. Written for Depesche's benchmarks; not a mail server.

    python3 smtp_sink.py <port> <log-file>
"""
import asyncio
import os
import sys

port, log_path = int(sys.argv[1]), sys.argv[2]
refuse_flag = os.path.join(os.path.dirname(os.path.abspath(log_path)), "refuse")
log = open(log_path, "a", buffering=1)


async def session(reader, writer):
    def send(line):
        writer.write((line + "\r\n").encode())

    if os.path.exists(refuse_flag):
        send("421 4.3.2 Service not available, try again later")
        await writer.drain()
        writer.close()
        return
    send("220 sink ESMTP")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            command = line.decode("latin-1").strip().upper()
            if command.startswith("EHLO"):
                send("250-sink")
                send("250-8BITMIME")
                send("250 SIZE 52428800")
            elif command.startswith("HELO") or command.startswith("MAIL") or command.startswith("RCPT") \
                    or command.startswith("RSET") or command.startswith("NOOP"):
                send("250 OK")
            elif command == "DATA":
                send("354 go ahead")
                await writer.drain()
                depesche_id, message_id = "-", "-"
                # The whole message in one read (up to the lone dot), so that the sink is not the
                # bottleneck of a benchmark that sends large newsletter mails.
                first = await reader.readline()
                message = b"" if first in (b".\r\n", b".\n", b"") else first + await reader.readuntil(b"\r\n.\r\n")
                for header in message.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
                    lower = header[:20].lower()
                    if lower.startswith(b"x-depesche-mail:"):
                        depesche_id = header.split(b":", 1)[1].strip().decode()
                    elif lower.startswith(b"message-id:"):
                        message_id = header.split(b":", 1)[1].strip().decode()
                log.write(depesche_id + " " + message_id + "\n")
                send("250 OK queued")
            elif command == "QUIT":
                send("221 bye")
                await writer.drain()
                break
            else:
                send("502 not implemented")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        # the client went away mid-message (the kill test does that on purpose): nothing was accepted
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", port, limit=64 << 20)
    async with server:
        await server.serve_forever()

asyncio.run(main())
