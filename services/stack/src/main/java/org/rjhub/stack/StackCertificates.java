package org.rjhub.stack;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The TLS material of one secured stack, generated in Java: a CA that exists only for this stack
 * and a broker certificate it signs for {@code 127.0.0.1} and {@code localhost}. Written as PEM
 * files readable by the owner only; the CA's private key is never written (nothing else is signed).
 *
 * @param caFile     the CA certificate (PEM), the trust store of every client
 * @param brokerFile the broker's private key (unencrypted PKCS#8) and certificate chain (PEM), its key store
 */
record StackCertificates(Path caFile, Path brokerFile) {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(30);

    /** Generates a fresh CA and broker certificate into {@code dir}. */
    static StackCertificates generate(Path dir) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
            keys.initialize(256, random);
            KeyPair ca = keys.generateKeyPair();
            KeyPair broker = keys.generateKeyPair();
            Instant now = Instant.now();
            X500Name caName = new X500Name("CN=RJ Hub local stack CA " + now.getEpochSecond() + ",O=RJ Hub");
            X509Certificate caCert = caCertificate(caName, ca, now, random);
            X509Certificate brokerCert = brokerCertificate(caName, caCert, ca.getPrivate(), broker, now, random);

            Path caFile = dir.resolve("ca.pem");
            Path brokerFile = dir.resolve("broker.pem");
            OwnerOnlyFiles.write(caFile, pem(caCert));
            OwnerOnlyFiles.write(
                    brokerFile,
                    pemKey(new JcaPKCS8Generator(broker.getPrivate(), null)) + pem(brokerCert) + pem(caCert));
            return new StackCertificates(caFile, brokerFile);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the stack's certificates", e);
        }
    }

    private static X509Certificate caCertificate(X500Name name, KeyPair ca, Instant now, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                        name,
                        serial(random),
                        Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(VALIDITY)),
                        name,
                        ca.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
        return sign(b, ca.getPrivate());
    }

    private static X509Certificate brokerCertificate(
            X500Name issuer, X509Certificate caCert, PrivateKey caKey, KeyPair broker, Instant now, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        GeneralNames sans = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
        });
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                        issuer,
                        serial(random),
                        Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(VALIDITY)),
                        new X500Name("CN=localhost,O=RJ Hub"),
                        broker.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                }))
                .addExtension(Extension.subjectAlternativeName, false, sans)
                .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert))
                .addExtension(
                        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(broker.getPublic()));
        return sign(b, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException, OperatorCreationException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        X509CertificateHolder holder = builder.build(signer);
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(96, random).abs().add(BigInteger.ONE);
    }

    private static String pemKey(PemObjectGenerator key) {
        StringWriter out = new StringWriter();
        try (PemWriter pem = new PemWriter(out)) {
            pem.writeObject(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
