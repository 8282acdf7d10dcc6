package io.sluice.admin.security;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * The HTTPS listener's TLS context (Netty's SslHandler with a configured PEM certificate and key) and the check
 * of a client certificate's common name.
 */
public final class TlsSupport
{
    private TlsSupport()
    {
    }

    /**
     * A server context; with client CAs configured, clients are asked for a certificate (optional, verified
     * against those CAs when presented), so only endpoints that need one refuse requests without it.
     *
     * @param config security settings with TLS on.
     * @return the context.
     */
    public static SslContext serverContext(final SecurityConfig config)
    {
        try
        {
            final SslContextBuilder builder = SslContextBuilder.forServer(config.tlsCert.toFile(), config.tlsKey.toFile())
                .protocols("TLSv1.3", "TLSv1.2");
            if (config.tlsClientCa != null)
            {
                builder.trustManager(config.tlsClientCa.toFile()).clientAuth(ClientAuth.OPTIONAL);
            }
            return builder.build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("cannot load the TLS certificate or key: " + ex.getMessage(), ex);
        }
    }

    /**
     * The common name of a verified client certificate.
     *
     * @param session the TLS session.
     * @return the CN, or null when the client sent no (verified) certificate.
     */
    public static String clientCommonName(final SSLSession session)
    {
        try
        {
            final Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate))
            {
                return null;
            }
            final String dn = ((X509Certificate)chain[0]).getSubjectX500Principal().getName();
            for (final Rdn rdn : new LdapName(dn).getRdns())
            {
                if ("CN".equalsIgnoreCase(rdn.getType()))
                {
                    return rdn.getValue().toString();
                }
            }
            return null;
        }
        catch (final SSLPeerUnverifiedException | InvalidNameException ex)
        {
            return null;
        }
    }
}
