package de.depesche.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain sockets with Nagle's algorithm switched off. An SMTP client writes a message and then the
 * short end-of-data line; with Nagle on, that last small packet waits for the server's delayed
 * acknowledgement (about 40 ms on Linux), which caps one connection at some 20 mails a second.
 * STARTTLS wraps this socket, so the setting holds for encrypted submission too.
 */
final class NoDelaySocketFactory extends SocketFactory {

    private final SocketFactory plain = SocketFactory.getDefault();

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(plain.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(plain.createSocket(address, port, localAddress, localPort));
    }
}
