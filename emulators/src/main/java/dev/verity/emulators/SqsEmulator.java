package dev.verity.emulators;

import java.net.InetSocketAddress;
import java.net.URI;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * SQS on 127.0.0.1: ElasticMQ in-process (in-memory queues), speaking the SQS JSON protocol SDK v2 uses. Queue URLs
 * it returns are {@code http://127.0.0.1:<port>/000000000000/<queue>}, so they work as request targets as-is.
 */
public final class SqsEmulator implements AutoCloseable {
  /** The account id in queue URLs and ARNs ({@code arn:aws:sqs:<region>:000000000000:<queue>}). */
  public static final String ACCOUNT_ID = "000000000000";

  private final SQSRestServer server;
  private final int port;
  private final URI endpoint;

  private SqsEmulator(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
    this.endpoint = URI.create("http://" + Ports.LOOPBACK + ":" + port);
  }

  /** Starts ElasticMQ for {@code region} (the region in queue ARNs). */
  public static SqsEmulator start(String region) {
    QuietLogging.apply();
    SQSRestServer server = SQSRestServerBuilder
        .withInterface(Ports.LOOPBACK)
        .withDynamicPort()
        .withAWSRegion(region)
        .withAWSAccountId(ACCOUNT_ID)
        .start();
    Http.ServerBinding binding;
    try {
      binding = server.waitUntilStarted();
    } catch (RuntimeException e) {
      try {
        server.stopAndWait();
      } catch (RuntimeException ignored) {
        // ignore
      }
      throw new IllegalStateException("ElasticMQ failed to start", e);
    }
    InetSocketAddress address = binding.localAddress();
    return new SqsEmulator(server, address.getPort());
  }

  public static SqsEmulator start() {
    return start(Emulators.DEFAULT_REGION);
  }

  /** {@code http://127.0.0.1:<port>} */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return port;
  }

  /** The URL ElasticMQ gives a queue of this name. */
  public String queueUrl(String queueName) {
    return endpoint + "/" + ACCOUNT_ID + "/" + queueName;
  }

  @Override
  public void close() {
    try {
      server.stopAndWait();
    } catch (RuntimeException e) {
      // best effort
    }
  }
}
