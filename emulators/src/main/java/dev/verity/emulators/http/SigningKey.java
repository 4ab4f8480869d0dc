package dev.verity.emulators.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.emulators.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The issuer's RSA key pair, kept in one JSON file ({@code kid}, base64 X.509 public key, base64 PKCS#8 private
 * key) so tokens stay valid when the local runtime restarts. Created on first use, readable by its owner only.
 */
record SigningKey(String keyId, RSAPublicKey publicKey, RSAPrivateKey privateKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static SigningKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the signing key " + file + " is unusable (delete it to make a new one)", e);
        }
    }

    /** The key as a JSON Web Key (RFC 7517), as a JWKS endpoint lists it. */
    ObjectNode jwk() {
        ObjectNode jwk = JSON.createObjectNode()
                .put("kty", "RSA")
                .put("kid", keyId)
                .put("use", "sig")
                .put("alg", "RS256");
        jwk.put("n", base64Url(publicKey.getModulus())).put("e", base64Url(publicKey.getPublicExponent()));
        return jwk;
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        byte[] publicDer = pair.getPublic().getEncoded();
        ObjectNode json = JSON.createObjectNode()
                .put("kid", keyId(publicDer))
                .put("alg", "RS256")
                .put("publicKey", Base64.getEncoder().encodeToString(publicDer))
                .put(
                        "privateKey",
                        Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            OwnerOnlyFiles.restrictToOwner(temp);
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), json);
            // No REPLACE_EXISTING: when two processes race to create the key, the first one's key wins for both.
            Files.move(temp, file);
        } catch (FileAlreadyExistsException e) {
            // another issuer created it meanwhile; read() picks theirs up
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static SigningKey read(Path file) throws IOException, GeneralSecurityException {
        JsonNode json = JSON.readTree(file.toFile());
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        byte[] publicDer = Base64.getDecoder().decode(json.path("publicKey").asText());
        byte[] privateDer = Base64.getDecoder().decode(json.path("privateKey").asText());
        return new SigningKey(
                keyId(publicDer), (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(publicDer)), (RSAPrivateKey)
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
    }

    /** Derived from the public key, so the same key always has the same {@code kid}. */
    private static String keyId(byte[] publicDer) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicDer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    /** Unsigned big-endian bytes, base64url without padding (RFC 7518 §6.3.1). */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
