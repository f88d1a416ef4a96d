package de.depesche.site;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkOfTest {

    @Test
    void ipv6AddressesOfOneSlash64AreOneNetworkHoweverTheyAreWritten() {
        String network = SiteSecrets.networkOf("2001:db8::1");
        assertThat(network).isEqualTo("2001:db8:0:0:");
        assertThat(SiteSecrets.networkOf("2001:db8:0:0::2")).isEqualTo(network);
        assertThat(SiteSecrets.networkOf("2001:DB8:0000:0000:abcd:ef01:2345:6789")).isEqualTo(network);
        assertThat(SiteSecrets.networkOf("[2001:db8::ffff]")).isEqualTo(network);
        assertThat(SiteSecrets.networkOf("2001:db8:0:0:0:0:0:1")).as("Tomcat's spelling, as before").isEqualTo(network);
        assertThat(SiteSecrets.networkOf("fe80::1%eth0")).isEqualTo("fe80:0:0:0:");
    }

    @Test
    void differentSlash64sStayApart() {
        assertThat(SiteSecrets.networkOf("2001:db8:0:1::1")).isNotEqualTo(SiteSecrets.networkOf("2001:db8::1"));
        assertThat(SiteSecrets.networkOf("2001:db8::1:0:0:1")).isEqualTo(SiteSecrets.networkOf("2001:db8::1"))
                .as("the host part (last 64 bits) does not count");
        assertThat(SiteSecrets.networkOf("::1")).isEqualTo("0:0:0:0:");
    }

    @Test
    void ipv4IsTheWholeAddressAlsoWhenWrittenAsIpv6() {
        assertThat(SiteSecrets.networkOf("192.0.2.10")).isEqualTo("192.0.2.10");
        assertThat(SiteSecrets.networkOf("192.0.2.10")).isNotEqualTo(SiteSecrets.networkOf("192.0.2.11"));
        assertThat(SiteSecrets.networkOf("::ffff:192.0.2.10")).isEqualTo("192.0.2.10");
        assertThat(SiteSecrets.networkOf("::ffff:c000:20a")).isEqualTo("192.0.2.10");
    }

    @Test
    void whatIsNoAddressIsUsedAsItIsWithoutALookup() {
        assertThat(SiteSecrets.networkOf("unknown")).isEqualTo("unknown");
        assertThat(SiteSecrets.networkOf("1:2:3")).isEqualTo("1:2:3");
        assertThat(SiteSecrets.networkOf("1::2::3")).isEqualTo("1::2::3");
        assertThat(SiteSecrets.networkOf("12345::1")).isEqualTo("12345::1");
        assertThat(SiteSecrets.ipv6Groups("1:2:3:4:5:6:7:8:9")).isNull();
    }
}
