package dev.verity.emulators.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * SNS's topics and subscriptions, independent of the protocol: each operation checks its parameters as SNS does
 * and throws {@link SnsException} with SNS's error code and message. Thread-safe; with a {@link SnsStore} every
 * change is written through before the call returns.
 */
final class SnsService {
    /** SNS's limit on a message with its attributes. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;

    static final int PAGE_SIZE = 100;
    static final Set<String> SUPPORTED_PROTOCOLS = Set.of("email", "email-json", "sqs");
    private static final Set<String> OTHER_PROTOCOLS =
            Set.of("http", "https", "sms", "lambda", "application", "firehose");
    private static final Set<String> TOPIC_ATTRIBUTES = Set.of(
            "DeliveryPolicy",
            "DisplayName",
            "Policy",
            "TracingConfig",
            "KmsMasterKeyId",
            "SignatureVersion",
            "ArchivePolicy",
            "ContentBasedDeduplication",
            "FifoThroughputScope");
    private static final Pattern FEEDBACK_ATTRIBUTE = Pattern.compile(
            "(Application|Firehose|HTTP|Lambda|SQS)(SuccessFeedbackRoleArn|SuccessFeedbackSampleRate|FailureFeedbackRoleArn)");
    private static final Set<String> SUBSCRIPTION_ATTRIBUTES =
            Set.of("DeliveryPolicy", "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn");
    private static final Set<String> UNSUPPORTED_SUBSCRIPTION_ATTRIBUTES =
            Set.of("FilterPolicy", "FilterPolicyScope", "ReplayPolicy");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}");
    private static final Pattern SUBSCRIPTION_ARN = Pattern.compile(TOPIC_ARN.pattern() + ":[0-9a-f-]{36}");
    private static final Pattern QUEUE_ARN =
            Pattern.compile("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,80}(\\.fifo)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final String account;
    private final SnsStore store;
    private final SnsDelivery delivery;
    private final Clock clock;
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private long sequenceNumber;

    /** What Publish was asked. */
    record PublishRequest(
            String topicArn,
            String targetArn,
            String phoneNumber,
            String message,
            String subject,
            String messageStructure,
            Map<String, Notification.MessageAttribute> attributes,
            String messageGroupId,
            String deduplicationId) {}

    /** What Publish answers: the message id, and a sequence number for a FIFO topic (else null). */
    record Published(String messageId, String sequenceNumber) {}

    /** One page of a listing and the token of the next, or null. */
    record Page<T>(List<T> items, String nextToken) {}

    SnsService(String region, String account, SnsStore store, SnsDelivery delivery, Clock clock) {
        this.region = region;
        this.account = account;
        this.store = store;
        this.delivery = delivery;
        this.clock = clock;
        if (store != null) {
            SnsStore.State state = store.load();
            state.topics().forEach(t -> topics.put(t.arn(), t));
            state.subscriptions().forEach(s -> subscriptions.put(s.arn(), s));
        }
    }

    String account() {
        return account;
    }

    String topicArn(String name) {
        return "arn:aws:sns:" + region + ":" + account + ":" + name;
    }

    // ---- topics ----

    synchronized String createTopic(String name, Map<String, String> attributes, Map<String, String> tags) {
        boolean fifo = name != null && name.endsWith(".fifo");
        String base = fifo ? name.substring(0, name.length() - ".fifo".length()) : name;
        if (base == null || !TOPIC_NAME.matcher(base).matches() || name.length() > 256) {
            throw SnsException.invalidParameter("Invalid parameter: Topic Name");
        }
        if (fifo != "true".equalsIgnoreCase(attributes.get("FifoTopic"))) {
            throw SnsException.invalidParameter("Invalid parameter: Topic Name (a FIFO topic's name ends in .fifo"
                    + " and it has the attribute FifoTopic=true; a standard topic has neither)");
        }
        attributes.forEach((attribute, value) -> checkTopicAttribute(attribute, fifo, true));
        String arn = topicArn(name);
        Topic existing = topics.get(arn);
        if (existing != null) {
            attributes.forEach((attribute, value) -> {
                if (!value.equals(
                        existing.attributes().getOrDefault(attribute, "FifoTopic".equals(attribute) ? "false" : ""))) {
                    throw SnsException.invalidParameter(
                            "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
                }
            });
            if (!tags.isEmpty() && !tags.equals(existing.tags())) {
                throw SnsException.invalidParameter(
                        "Invalid parameter: Tags Reason: Topic already exists with different tags");
            }
            return arn;
        }
        topics.put(arn, new Topic(name, arn, attributes, tags));
        persist();
        return arn;
    }

    private static void checkTopicAttribute(String name, boolean fifo, boolean creating) {
        boolean known = TOPIC_ATTRIBUTES.contains(name)
                || FEEDBACK_ATTRIBUTE.matcher(name).matches()
                || (creating && name.equals("FifoTopic"));
        if (!known) {
            throw SnsException.invalidParameter("Invalid parameter: AttributeName");
        }
        if (!fifo && (name.equals("ContentBasedDeduplication") || name.equals("FifoThroughputScope"))) {
            throw SnsException.invalidParameter(
                    "Invalid parameter: " + name + " Reason: only a FIFO topic has this attribute");
        }
    }

    /** Deletes the topic and its subscriptions; a topic that does not exist is no error (as in SNS). */
    synchronized void deleteTopic(String arn) {
        checkTopicArn(arn);
        if (topics.remove(arn) != null) {
            subscriptions.values().removeIf(s -> s.topicArn().equals(arn));
            persist();
        }
    }

    synchronized List<Topic> topics() {
        return List.copyOf(topics.values());
    }

    synchronized Page<Topic> listTopics(String nextToken) {
        return page(topics(), nextToken);
    }

    synchronized Topic topic(String arn) {
        checkTopicArn(arn);
        Topic topic = topics.get(arn);
        if (topic == null) {
            throw SnsException.notFound("Topic does not exist");
        }
        return topic;
    }

    /** What GetTopicAttributes shows: SNS's computed attributes, then those set on the topic. */
    synchronized Map<String, String> topicAttributes(String arn) {
        Topic topic = topic(arn);
        long confirmed = subscriptions.values().stream()
                .filter(s -> s.topicArn().equals(arn))
                .count();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Policy", defaultPolicy(arn));
        attributes.put("Owner", account);
        attributes.put("SubscriptionsPending", "0");
        attributes.put("TopicArn", arn);
        attributes.put("EffectiveDeliveryPolicy", EFFECTIVE_DELIVERY_POLICY);
        attributes.put("SubscriptionsConfirmed", String.valueOf(confirmed));
        attributes.put("DisplayName", "");
        attributes.put("SubscriptionsDeleted", "0");
        if (topic.isFifo()) {
            attributes.put("ContentBasedDeduplication", "false");
        }
        attributes.putAll(topic.attributes());
        return attributes;
    }

    synchronized void setTopicAttribute(String arn, String name, String value) {
        Topic topic = topic(arn);
        if (name == null || name.isEmpty()) {
            throw SnsException.invalidParameter("Invalid parameter: AttributeName");
        }
        checkTopicAttribute(name, topic.isFifo(), false);
        topics.put(arn, topic.withAttribute(name, value == null ? "" : value));
        persist();
    }

    // ---- subscriptions ----

    /** Subscribes at once: there is no confirmation step locally (see {@link SnsEmulator}). */
    synchronized Subscription subscribe(
            String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
        Topic topic = topic(topicArn);
        if (protocol == null || protocol.isEmpty()) {
            throw SnsException.invalidParameter("Invalid parameter: Protocol");
        }
        if (OTHER_PROTOCOLS.contains(protocol)) {
            throw SnsException.invalidParameter("Invalid parameter: Protocol Reason: " + protocol
                    + " subscriptions are not supported by Verity's local SNS emulator (email, email-json and sqs"
                    + " are)");
        }
        if (!SUPPORTED_PROTOCOLS.contains(protocol)) {
            throw SnsException.invalidParameter(
                    "Invalid parameter: Amazon SNS does not support this protocol string: " + protocol);
        }
        if (endpoint == null || endpoint.isEmpty()) {
            throw SnsException.invalidParameter("Invalid parameter: Endpoint");
        }
        if (protocol.startsWith("email")) {
            if (!EMAIL.matcher(endpoint).matches()) {
                throw SnsException.invalidParameter("Invalid parameter: Email address");
            }
            if (!delivery.canMail()) {
                throw SnsException.invalidParameter(
                        "Invalid parameter: Protocol Reason: this SNS emulator was started without a mail sink");
            }
        } else {
            if (!QUEUE_ARN.matcher(endpoint).matches()) {
                throw SnsException.invalidParameter("Invalid parameter: SQS endpoint ARN");
            }
            if (endpoint.endsWith(".fifo") && !topic.isFifo()) {
                throw SnsException.invalidParameter(
                        "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS"
                                + " topics");
            }
            if (!delivery.canQueue()) {
                throw SnsException.invalidParameter(
                        "Invalid parameter: Protocol Reason: this SNS emulator was started without an SQS endpoint");
            }
        }
        attributes.forEach((name, value) -> checkSubscriptionAttribute(protocol, name, value));
        for (Subscription existing : subscriptions.values()) {
            if (existing.topicArn().equals(topicArn)
                    && existing.protocol().equals(protocol)
                    && existing.endpoint().equals(endpoint)) {
                if (!existing.attributes().entrySet().containsAll(attributes.entrySet())) {
                    throw SnsException.invalidParameter(
                            "Invalid parameter: Attributes Reason: Subscription already exists with different"
                                    + " attributes");
                }
                return existing;
            }
        }
        Subscription subscription =
                new Subscription(topicArn + ":" + UUID.randomUUID(), topicArn, protocol, endpoint, attributes);
        subscriptions.put(subscription.arn(), subscription);
        persist();
        return subscription;
    }

    private static void checkSubscriptionAttribute(String protocol, String name, String value) {
        if (UNSUPPORTED_SUBSCRIPTION_ATTRIBUTES.contains(name)) {
            throw SnsException.invalidParameter("Invalid parameter: Attributes Reason: " + name
                    + " is not supported by Verity's local SNS emulator (it would deliver what the policy filters"
                    + " out)");
        }
        if (!SUBSCRIPTION_ATTRIBUTES.contains(name)) {
            throw SnsException.invalidParameter("Invalid parameter: Attributes Reason: Unknown attribute " + name);
        }
        if (name.equals("RawMessageDelivery")) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw SnsException.invalidParameter(
                        "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [" + value
                                + "]. Must be true or false.");
            }
            if (value.equalsIgnoreCase("true") && !protocol.equals("sqs")) {
                throw SnsException.invalidParameter("Invalid parameter: Attributes Reason: Delivery protocol ["
                        + protocol + "] does not support raw message delivery.");
            }
        }
    }

    synchronized void unsubscribe(String arn) {
        if (arn == null || !SUBSCRIPTION_ARN.matcher(arn).matches()) {
            throw SnsException.invalidParameter("Invalid parameter: SubscriptionArn");
        }
        if (subscriptions.remove(arn) == null) {
            throw SnsException.notFound("Subscription does not exist");
        }
        persist();
    }

    synchronized List<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    synchronized Page<Subscription> listSubscriptions(String nextToken) {
        return page(subscriptions(), nextToken);
    }

    synchronized Page<Subscription> listSubscriptionsByTopic(String topicArn, String nextToken) {
        topic(topicArn);
        return page(
                subscriptions.values().stream()
                        .filter(s -> s.topicArn().equals(topicArn))
                        .toList(),
                nextToken);
    }

    synchronized Map<String, String> subscriptionAttributes(String arn) {
        if (arn == null || !SUBSCRIPTION_ARN.matcher(arn).matches()) {
            throw SnsException.invalidParameter("Invalid parameter: SubscriptionArn");
        }
        Subscription s = subscriptions.get(arn);
        if (s == null) {
            throw SnsException.notFound("Subscription does not exist");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Owner", account);
        attributes.put("RawMessageDelivery", "false");
        attributes.put("TopicArn", s.topicArn());
        attributes.put("Endpoint", s.endpoint());
        attributes.put("Protocol", s.protocol());
        attributes.put("PendingConfirmation", "false");
        attributes.put("ConfirmationWasAuthenticated", "true");
        attributes.put("SubscriptionArn", s.arn());
        attributes.putAll(s.attributes());
        return attributes;
    }

    synchronized Map<String, String> tags(String resourceArn) {
        return topic(resourceArn).tags();
    }

    // ---- publishing ----

    synchronized Published publish(PublishRequest request) {
        if (request.phoneNumber() != null) {
            throw SnsException.invalidParameter(
                    "Invalid parameter: PhoneNumber Reason: SMS is not supported by" + " Verity's local SNS emulator");
        }
        if ((request.topicArn() == null) == (request.targetArn() == null)) {
            throw SnsException.invalidParameter(
                    "Invalid parameter: TopicArn or TargetArn Reason: exactly one of them is required");
        }
        String arn = request.topicArn() != null ? request.topicArn() : request.targetArn();
        Topic topic = topic(arn);
        String message = request.message();
        if (message == null || message.isEmpty()) {
            throw SnsException.invalidParameter("Invalid parameter: Empty message");
        }
        int size = message.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, Notification.MessageAttribute> a :
                request.attributes().entrySet()) {
            checkMessageAttribute(a.getKey(), a.getValue());
            size += a.getKey().length()
                    + a.getValue().dataType().length()
                    + Objects.requireNonNullElse(
                                    a.getValue().stringValue(),
                                    Objects.requireNonNullElse(a.getValue().binaryValue(), ""))
                            .length();
        }
        if (size > MAX_MESSAGE_BYTES) {
            throw SnsException.invalidParameter("Invalid parameter: Message too long");
        }
        if (request.subject() != null && !validSubject(request.subject())) {
            throw SnsException.invalidParameter("Invalid parameter: Subject");
        }
        Map<String, String> perProtocol = new LinkedHashMap<>();
        if (request.messageStructure() != null) {
            message = structured(request.messageStructure(), message, perProtocol);
        }
        String sequence = null;
        if (topic.isFifo()) {
            if (request.messageGroupId() == null || request.messageGroupId().isEmpty()) {
                throw SnsException.invalidParameter(
                        "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
            }
            if (request.deduplicationId() == null
                    && !"true".equalsIgnoreCase(topic.attributes().get("ContentBasedDeduplication"))) {
                throw SnsException.invalidParameter("Invalid parameter: The topic should either have"
                        + " ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
            sequence = String.format("%020d", ++sequenceNumber);
        }
        Notification notification = new Notification(
                UUID.randomUUID().toString(),
                arn,
                request.subject(),
                message,
                perProtocol,
                clock.instant(),
                request.attributes(),
                request.messageGroupId(),
                request.deduplicationId());
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.topicArn().equals(arn)) {
                delivery.deliver(topic, subscription, notification);
            }
        }
        return new Published(notification.messageId(), sequence);
    }

    /** ASCII, starting with a letter, digit or punctuation, no line breaks or control characters, under 100. */
    private static boolean validSubject(String subject) {
        if (subject.isEmpty() || subject.length() >= 100) {
            return false;
        }
        if (!Character.isLetterOrDigit(subject.charAt(0)) && !isPunctuation(subject.charAt(0))) {
            return false;
        }
        return subject.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    private static boolean isPunctuation(char c) {
        return c > 0x20 && c < 0x7F && !Character.isLetterOrDigit(c);
    }

    private static String structured(String structure, String message, Map<String, String> perProtocol) {
        if (!structure.equals("json")) {
            throw SnsException.invalidParameter("Invalid parameter: MessageStructure");
        }
        JsonNode json;
        try {
            json = JSON.readTree(message);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw SnsException.invalidParameter(
                    "Invalid parameter: Message Structure - JSON message body failed to parse");
        }
        if (!json.path("default").isTextual()) {
            throw SnsException.invalidParameter(
                    "Invalid parameter: Message Structure - No default entry in JSON message body");
        }
        json.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("default")) {
                perProtocol.put(
                        e.getKey(),
                        e.getValue().isTextual()
                                ? e.getValue().asText()
                                : e.getValue().toString());
            }
        });
        return json.get("default").asText();
    }

    private static void checkMessageAttribute(String name, Notification.MessageAttribute value) {
        String type = value.dataType();
        String reason = null;
        if (type == null || type.isEmpty()) {
            reason = "The message attribute '" + name + "' must contain non-empty message attribute type.";
        } else if (type.startsWith("Binary")) {
            if (value.binaryValue() == null) {
                reason = "The message attribute '" + name + "' with type 'Binary' must use field 'Binary'.";
            }
        } else if (type.startsWith("String") || type.startsWith("Number")) {
            if (value.stringValue() == null) {
                reason = "The message attribute '" + name + "' must contain non-empty message attribute value.";
            } else if (type.startsWith("Number")) {
                try {
                    new BigDecimal(value.stringValue());
                } catch (NumberFormatException e) {
                    reason = "Could not cast message attribute '" + name + "' value to number.";
                }
            }
        } else {
            reason = "The message attribute '" + name + "' has an invalid message attribute type, the set of"
                    + " supported type prefixes is Binary, Number, and String.";
        }
        if (reason != null) {
            throw SnsException.invalidParameter("Invalid parameter: MessageAttributes Reason: " + reason);
        }
    }

    // ---- helpers ----

    private static void checkTopicArn(String arn) {
        if (arn == null || !TOPIC_ARN.matcher(arn).matches()) {
            throw SnsException.invalidParameter("Invalid parameter: TopicArn");
        }
    }

    private static <T> Page<T> page(List<T> all, String nextToken) {
        int from = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw SnsException.invalidParameter("Invalid parameter: NextToken");
            }
            if (from < 0 || from > all.size()) {
                throw SnsException.invalidParameter("Invalid parameter: NextToken");
            }
        }
        int to = Math.min(all.size(), from + PAGE_SIZE);
        String next = to < all.size()
                ? Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(new ArrayList<>(all.subList(from, to)), next);
    }

    private void persist() {
        if (store != null) {
            store.save(new SnsStore.State(List.copyOf(topics.values()), List.copyOf(subscriptions.values())));
        }
    }

    private String defaultPolicy(String arn) {
        return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":"
                + "\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":["
                + "\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\",\"SNS:AddPermission\","
                + "\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\","
                + "\"SNS:Publish\"],\"Resource\":\"" + arn + "\",\"Condition\":{\"StringEquals\":{"
                + "\"AWS:SourceOwner\":\"" + account + "\"}}}]}";
    }

    private static final String EFFECTIVE_DELIVERY_POLICY = "{\"http\":{\"defaultHealthyRetryPolicy\":{"
            + "\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,"
            + "\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},"
            + "\"disableSubscriptionOverrides\":false,\"defaultRequestPolicy\":{\"headerContentType\":"
            + "\"text/plain; charset=UTF-8\"}}}";
}
