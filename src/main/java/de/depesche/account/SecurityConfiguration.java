package de.depesche.account;

import java.util.List;


import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

    /** Content-Security-Policy of every page: nothing from other hosts, no inline script. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /** API paths that anyone may read (public data); everything else under /api needs a token. */
    static final List<String> PUBLIC_API_READS = List.of(
            "/api/v1/openapi", "/api/v1/openapi/**", "/api/v1/openapi.yaml", "/api/v1/search", "/api/v1/articles/*/similar", "/api/v1/jobs");

    /** What readers may send without a token: the same as the forms on the site (rate-limited there). */
    static final List<String> PUBLIC_API_WRITES = List.of("/api/v1/subscriptions");

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id for new hashes; the id prefix in each stored hash lets us move on later without a reset.
        String current = "argon2@SpringSecurity_v5_8";
        return new DelegatingPasswordEncoder(current, java.util.Map.of(
                current, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    /**
     * Whether the site is served over https: {@code depesche.https.secure-cookie} when set to true or
     * false, otherwise (auto) whether {@code depesche.base-url} starts with https. Then the session cookie
     * is Secure and every answer carries Strict-Transport-Security, also when the proxy in front does
     * not forward the scheme.
     */
    static boolean https(HttpsProperties settings, org.springframework.core.env.Environment env) {
        String setting = settings.secureCookie().strip().toLowerCase(java.util.Locale.ROOT);
        return switch (setting) {
            case "true" -> true;
            case "false" -> false;
            default -> env.getProperty("depesche.base-url", "http://localhost:8080").strip()
                    .toLowerCase(java.util.Locale.ROOT).startsWith("https://");
        };
    }

    /** The session cookie of Spring Session: HttpOnly, SameSite=Lax, Secure when the site is https. */
    @Bean
    org.springframework.session.web.http.CookieSerializer sessionCookie(HttpsProperties settings, org.springframework.core.env.Environment env) {
        org.springframework.session.web.http.DefaultCookieSerializer cookie = new org.springframework.session.web.http.DefaultCookieSerializer();
        cookie.setCookieName("SESSION");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        if (https(settings, env)) {
            cookie.setUseSecureCookie(true);
        }
        return cookie;
    }

    @Bean
    UserDetailsService staffDetails(AccountManagement accounts) {
        return email -> accounts.principalForLogin(email)
                .orElseThrow(() -> new UsernameNotFoundException("no staff member with that e-mail"));
    }

    /**
     * The only way a password is checked: the throttle sits inside it, so every path the login filter
     * accepts (however the URL is spelled) is counted and paused alike.
     */
    @Bean
    AuthenticationProvider staffAuthentication(UserDetailsService staffDetails, PasswordEncoder passwordEncoder,
                                               LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(staffDetails);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthentication(passwords, throttle);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, AccountManagement accounts, JsonAuthenticationErrors errors)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, PUBLIC_API_READS.toArray(String[]::new)).permitAll()
                        .requestMatchers(HttpMethod.POST, PUBLIC_API_WRITES.toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenFilter(accounts, errors), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain siteSecurity(HttpSecurity http, List<ReaderFormEndpoints> readerForms, AccountManagement accounts,
                                     AccountProperties properties, java.time.Clock clock,
                                     org.springframework.core.env.Environment env, HttpsProperties settings) throws Exception {
        boolean https = https(settings, env);
        java.time.Duration hstsMaxAge = settings.hstsMaxAge();
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/admin/login").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/admin/**").authenticated()
                        .anyRequest().permitAll())
                .formLogin(form -> form
                        .loginPage("/admin/login")
                        .loginProcessingUrl("/admin/login")
                        .usernameParameter("email")
                        .successHandler((request, response, authentication) -> {
                            if (authentication.getPrincipal() instanceof StaffPrincipal who) {
                                SessionGuard.started(request, accounts, who, clock);
                            }
                            response.sendRedirect("/admin");
                        })
                        .failureHandler((request, response, exception) -> response.sendRedirect(
                                exception instanceof ThrottledAuthentication.SignInPaused
                                        ? "/admin/login?blocked" : "/admin/login?error"))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?logout"))
                .addFilterAfter(new SessionGuard(accounts, properties.login().sessionMaxLifetime(), clock),
                        SecurityContextHolderFilter.class)
                // Reader forms (comments, subscriptions) carry their own signed, single-use tokens, so that
                // reader pages need no session and stay cacheable.
                .csrf(csrf -> {
                    String[] paths = readerForms.stream().flatMap(r -> r.paths().stream()).toArray(String[]::new);
                    if (paths.length > 0) {
                        csrf.ignoringRequestMatchers(paths);
                    }
                })
                .headers(h -> h
                        .httpStrictTransportSecurity(hsts -> {
                            hsts.maxAgeInSeconds(hstsMaxAge.toSeconds()).includeSubDomains(false);
                            if (https) {
                                // behind a proxy that does not forward the scheme the request looks like http
                                hsts.requestMatcher(org.springframework.security.web.util.matcher.AnyRequestMatcher.INSTANCE);
                            }
                        })
                        // Reader pages set their own Cache-Control (page cache, CDN); the newsroom is never stored.
                        .cacheControl(c -> c.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.pathPattern("/admin/**"), new CacheControlHeadersWriter()))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        return http.build();
    }
}
