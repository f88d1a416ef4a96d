package de.depesche.job;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which addresses a job feed may never come from, however they are written. */
class LocalAddressTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** An IPv6 address kept as IPv6 even when Java would turn it into IPv4 (mapped addresses). */
    private static InetAddress v6(String literal) {
        try {
            byte[] bytes = new byte[16];
            byte[] given = InetAddress.getByName(literal).getAddress();
            if (given.length == 4) {
                bytes[10] = (byte) 0xff;
                bytes[11] = (byte) 0xff;
                System.arraycopy(given, 0, bytes, 12, 4);
            } else {
                bytes = given;
            }
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Test
    void everyLocalIpv4RangeIsRefusedAtBothEnds() {
        for (String a : List.of("0.0.0.0", "0.255.255.255", "10.0.0.0", "10.255.255.255", "100.64.0.0", "100.127.255.255",
                "127.0.0.1", "127.255.255.254", "169.254.0.1", "169.254.169.254", "172.16.0.0", "172.31.255.255",
                "192.0.0.8", "192.168.0.1", "192.168.255.255", "198.18.0.0", "198.19.255.255", "224.0.0.1", "239.255.255.255",
                "240.0.0.1", "255.255.255.255")) {
            assertThat(FeedFetcher.isLocal(ip(a))).as(a).isTrue();
        }
    }

    @Test
    void publicIpv4NeighboursOfThoseRangesAreAllowed() {
        for (String a : List.of("1.0.0.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
                "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255",
                "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255", "93.184.216.34")) {
            assertThat(FeedFetcher.isLocal(ip(a))).as(a).isFalse();
        }
    }

    @Test
    void localIpv6AddressesAreRefused() {
        for (String a : List.of("::", "::1", "fc00::1", "fd12:3456:789a::1", "fe80::1", "febf:ffff::1", "fec0::1", "ff02::1",
                "64:ff9b:1::a")) {
            assertThat(FeedFetcher.isLocal(ip(a))).as(a).isTrue();
        }
        for (String a : List.of("2001:db8::1", "2a00:1450:4001:82b::200e", "fbff::1", "fe00::1")) {
            assertThat(FeedFetcher.isLocal(ip(a))).as(a).isFalse();
        }
    }

    @Test
    void ipv6FormsOfIpv4AddressesAreJudgedByTheIpv4AddressTheyCarry() {
        // mapped ::ffff:a.b.c.d, kept as IPv6 and as Java turns it into IPv4
        assertThat(FeedFetcher.isLocal(v6("127.0.0.1"))).isTrue();
        assertThat(FeedFetcher.isLocal(v6("10.1.2.3"))).isTrue();
        assertThat(FeedFetcher.isLocal(ip("::ffff:192.168.1.1"))).isTrue();
        assertThat(FeedFetcher.isLocal(v6("93.184.216.34"))).isFalse();
        // NAT64 64:ff9b::/96
        assertThat(FeedFetcher.isLocal(ip("64:ff9b::7f00:1"))).as("NAT64 of 127.0.0.1").isTrue();
        assertThat(FeedFetcher.isLocal(ip("64:ff9b::a9fe:a9fe"))).as("NAT64 of 169.254.169.254").isTrue();
        assertThat(FeedFetcher.isLocal(ip("64:ff9b::5db8:d822"))).as("NAT64 of 93.184.216.34").isFalse();
        // 6to4 2002::/16
        assertThat(FeedFetcher.isLocal(ip("2002:c0a8:0101::1"))).as("6to4 of 192.168.1.1").isTrue();
        assertThat(FeedFetcher.isLocal(ip("2002:7f00:0001::"))).as("6to4 of 127.0.0.1").isTrue();
        assertThat(FeedFetcher.isLocal(ip("2002:5db8:d822::1"))).as("6to4 of 93.184.216.34").isFalse();
        // the deprecated IPv4-compatible ::a.b.c.d
        assertThat(FeedFetcher.isLocal(ip("::7f00:1"))).isTrue();
    }

    @Test
    void theResolverRefusesAHostWhenAnyOfItsAddressesIsLocal() throws UnknownHostException {
        FeedFetcher.GuardedResolver guarded = new FeedFetcher.GuardedResolver(host -> switch (host) {
            case "public.example" -> new InetAddress[] {ip("93.184.216.34")};
            case "split.example" -> new InetAddress[] {ip("93.184.216.34"), ip("10.0.0.7")};
            default -> InetAddress.getAllByName(host);
        }, false);
        assertThat(guarded.resolve("public.example")).containsExactly(ip("93.184.216.34"));
        assertThatThrownBy(() -> guarded.resolve("split.example")).isInstanceOfSatisfying(FeedFetcher.LocalAddressRefused.class,
                e -> assertThat(e.shown()).isEqualTo("split.example (10.0.0.7)"));
        assertThatThrownBy(() -> guarded.resolve("127.0.0.1")).isInstanceOfSatisfying(FeedFetcher.LocalAddressRefused.class,
                e -> assertThat(e.shown()).isEqualTo("127.0.0.1"));
        assertThatThrownBy(() -> guarded.resolve("[::1]")).isInstanceOf(FeedFetcher.LocalAddressRefused.class);
        assertThat(new FeedFetcher.GuardedResolver(host -> new InetAddress[] {ip("10.0.0.7")}, true).resolve("intranet.example"))
                .as("allowed by the operator").containsExactly(ip("10.0.0.7"));
    }
}
