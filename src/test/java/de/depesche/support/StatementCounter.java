package de.depesche.support;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the SQL statements one HTTP request sends to the database, for tests that check a page or an
 * API call does not ask once per item. A request with the header {@value #HEADER} gets the count back
 * in the same header of the response.
 */
public final class StatementCounter {

    public static final String HEADER = "X-Test-Statements";
    private static final ThreadLocal<AtomicInteger> COUNT = new ThreadLocal<>();

    private StatementCounter() {}

    /** Wraps the application's data source; statements are counted only inside a counted request. */
    static BeanPostProcessor dataSources() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && !(bean instanceof Counting) ? new Counting(ds) : bean;
            }
        };
    }

    static OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getHeader(HEADER) == null) {
                    chain.doFilter(request, response);
                    return;
                }
                AtomicInteger count = new AtomicInteger();
                COUNT.set(count);
                try {
                    chain.doFilter(request, new jakarta.servlet.http.HttpServletResponseWrapper(response) {
                        @Override
                        public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
                            setHeader(HEADER, String.valueOf(count.get()));
                            return super.getOutputStream();
                        }

                        @Override
                        public java.io.PrintWriter getWriter() throws IOException {
                            setHeader(HEADER, String.valueOf(count.get()));
                            return super.getWriter();
                        }
                    });
                } finally {
                    COUNT.remove();
                }
            }
        };
    }

    private static final class Counting extends DelegatingDataSource {
        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counted(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counted(super.getConnection(username, password));
        }

        private static Connection counted(Connection connection) {
            return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        AtomicInteger count = COUNT.get();
                        if (count != null && (method.getName().equals("prepareStatement") || method.getName().equals("prepareCall")
                                || method.getName().equals("createStatement"))) {
                            count.incrementAndGet();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
