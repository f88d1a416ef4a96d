"""A small SMTP server for benchmarks: accepts every mail, writes one line per mail to a log
("<X-Depesche-Mail> <Message-ID>"), and refuses all connections (421) while a file named
'refuse' exists next to the log. Written for Depesche's benchmarks; not a mail server.

It shares the machine with the application it measures, so it is written to cost little per mail:
an asyncio protocol that parses what arrived in one go and answers everything it has read with one
write (which is also how it serves clients that pipeline their commands, RFC 2920).

    python3 smtp_sink.py <port> <log-file>
"""
import asyncio
import os
import sys

port, log_path = int(sys.argv[1]), sys.argv[2]
refuse_flag = os.path.join(os.path.dirname(os.path.abspath(log_path)), "refuse")
log = open(log_path, "a", buffering=1)

END_OF_DATA = b"\r\n.\r\n"


class Session(asyncio.Protocol):

    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""
        self.in_data = False
        if os.path.exists(refuse_flag):
            transport.write(b"421 4.3.2 Service not available, try again later\r\n")
            transport.close()
            self.closed = True
            return
        self.closed = False
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, data):
        if self.closed:
            return
        self.buffer += data
        out = []
        while True:
            if self.in_data:
                # The message ends at a lone dot; the sink looks only at its headers.
                if self.buffer.startswith(b".\r\n"):
                    message, self.buffer = b"", self.buffer[3:]
                else:
                    end = self.buffer.find(END_OF_DATA)
                    if end < 0:
                        break
                    message, self.buffer = self.buffer[:end + 2], self.buffer[end + len(END_OF_DATA):]
                self.in_data = False
                self.accept(message)
                out.append(b"250 OK queued\r\n")
                continue
            end = self.buffer.find(b"\n")
            if end < 0:
                break
            line, self.buffer = self.buffer[:end + 1], self.buffer[end + 1:]
            command = line.decode("latin-1").strip().upper()
            if command.startswith("EHLO"):
                out.append(b"250-sink\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 52428800\r\n")
            elif command.startswith(("HELO", "MAIL", "RCPT", "RSET", "NOOP")):
                out.append(b"250 OK\r\n")
            elif command == "DATA":
                out.append(b"354 go ahead\r\n")
                self.in_data = True
            elif command == "QUIT":
                out.append(b"221 bye\r\n")
                self.transport.write(b"".join(out))
                self.transport.close()
                self.closed = True
                return
            else:
                out.append(b"502 not implemented\r\n")
        if out:
            self.transport.write(b"".join(out))

    @staticmethod
    def accept(message):
        depesche_id, message_id = "-", "-"
        for header in message.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
            lower = header[:20].lower()
            if lower.startswith(b"x-depesche-mail:"):
                depesche_id = header.split(b":", 1)[1].strip().decode()
            elif lower.startswith(b"message-id:"):
                message_id = header.split(b":", 1)[1].strip().decode()
        log.write(depesche_id + " " + message_id + "\n")

    def connection_lost(self, exc):
        # A client that went away mid-message (the kill test does that on purpose): nothing was accepted.
        self.closed = True


async def main():
    server = await asyncio.get_running_loop().create_server(Session, "127.0.0.1", port)
    async with server:
        await server.serve_forever()

asyncio.run(main())
