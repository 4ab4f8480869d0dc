package dev.verity.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short sentences from templates whose labels are known by construction: a review's sentiment, a news snippet's
 * topics, and people, cities and dates at known offsets (in Unicode code points, as Ground Truth counts them; some
 * names are not ASCII and some sentences start with an emoji outside the Basic Multilingual Plane).
 */
final class DemoTexts {

    static final List<String> SENTIMENTS = List.of("positive", "negative", "neutral");
    static final List<String> TOPICS = List.of("sports", "politics", "technology", "weather");
    static final List<String> ENTITY_LABELS = List.of("Person", "City", "Date");

    private static final List<String> SUBJECTS =
            List.of("food", "service", "room", "staff", "coffee", "breakfast", "view", "bed", "location", "wifi");
    private static final Map<String, List<String>> PREDICATES = Map.of(
            "positive",
                    List.of(
                            "was delicious",
                            "was excellent",
                            "exceeded our expectations",
                            "was a real delight",
                            "could not have been better"),
            "negative",
                    List.of(
                            "was terrible",
                            "was a huge disappointment",
                            "left a lot to be desired",
                            "was awful",
                            "was far worse than advertised"),
            "neutral",
                    List.of(
                            "was as described",
                            "was neither good nor bad",
                            "was about what you would expect",
                            "was average",
                            "was the same as last year"));
    private static final Map<String, List<String>> TOPIC_CLAUSES = Map.of(
            "sports",
                    List.of(
                            "the striker scored twice in the final",
                            "the home team lost on penalties",
                            "the marathon record fell by four seconds",
                            "the tennis final went to five sets"),
            "politics",
                    List.of(
                            "parliament passed the budget",
                            "the minister resigned after the vote",
                            "the senate delayed the election reform",
                            "the mayor announced a new housing plan"),
            "technology",
                    List.of(
                            "the new phone has a faster chip",
                            "the update fixed the battery bug",
                            "the startup released an open-source database",
                            "engineers tested a quantum processor"),
            "weather",
                    List.of(
                            "heavy rain is expected tomorrow",
                            "the heatwave broke records in the south",
                            "snow closed the mountain roads",
                            "a storm warning was issued for the coast"));
    private static final List<String> PEOPLE = List.of(
            "Ana Lima",
            "Zoë Šimková",
            "José Núñez",
            "Björn Ødegård",
            "Li Wei",
            "Amara Okafor",
            "Chloé Dubois",
            "Mehmet Yılmaz",
            "Łukasz Żuk",
            "Priya Natarajan");
    private static final List<String> CITIES = List.of(
            "Lisbon", "São Paulo", "Kraków", "Reykjavík", "Osaka", "Nairobi", "Zürich", "Montréal", "Cairo", "Quito");
    private static final List<String> DATES =
            List.of("3 March 2024", "14 July", "2023-11-05", "1 January 2025", "Friday 9 May", "29 February 2028");
    private static final List<String> ENTITY_TEMPLATES = List.of(
            "{Person} flew from {City} to {City} on {Date}.",
            "On {Date}, {Person} opened a bakery in {City}.",
            "🎉 {Person} won the marathon in {City} on {Date}!",
            "{Person} and {Person} met in {City} to plan the trip.",
            "📍 {City}: {Person} will speak there on {Date}.",
            "The letter from {Person} arrived in {City} on {Date}.",
            "Nobody expected rain in {City} on {Date}.");
    private static final Pattern SLOT = Pattern.compile("\\{(Person|City|Date)}");

    /** A text and its entities. */
    record Annotated(String text, List<DemoSpan> entities) {}

    private DemoTexts() {}

    /** A one-sentence review whose sentiment is the truth. */
    static DemoTask.DemoObject<String> review(SplittableRandom random) {
        String sentiment = pick(SENTIMENTS, random);
        String text = "The " + pick(SUBJECTS, random) + " " + pick(PREDICATES.get(sentiment), random) + ".";
        return DemoTask.DemoObject.text(text, sentiment);
    }

    /** One to three news clauses, each of a different topic; the topics are the truth. */
    static DemoTask.DemoObject<Set<String>> news(SplittableRandom random) {
        List<String> topics = new ArrayList<>(TOPICS);
        int count = 1 + random.nextInt(3);
        Set<String> chosen = new LinkedHashSet<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String topic = topics.remove(random.nextInt(topics.size()));
            chosen.add(topic);
            String clause = pick(TOPIC_CLAUSES.get(topic), random);
            text.append(i == 0 ? "" : " ")
                    .append(Character.toUpperCase(clause.charAt(0)))
                    .append(clause.substring(1))
                    .append('.');
        }
        return DemoTask.DemoObject.text(text.toString(), Set.copyOf(chosen));
    }

    /** A sentence with people, cities and dates filled into a template, with their code-point offsets. */
    static Annotated entities(SplittableRandom random) {
        String template = pick(ENTITY_TEMPLATES, random);
        Matcher slots = SLOT.matcher(template);
        StringBuilder text = new StringBuilder();
        List<DemoSpan> spans = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        int last = 0;
        while (slots.find()) {
            text.append(template, last, slots.start());
            String label = slots.group(1);
            List<String> values = switch (label) {
                case "Person" -> PEOPLE;
                case "City" -> CITIES;
                default -> DATES;
            };
            String value;
            do {
                value = pick(values, random);
            } while (!used.add(value));
            int start = text.codePointCount(0, text.length());
            text.append(value);
            spans.add(new DemoSpan(label, start, start + value.codePointCount(0, value.length())));
            last = slots.end();
        }
        text.append(template.substring(last));
        return new Annotated(text.toString(), List.copyOf(spans));
    }

    static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
