package dev.verity.emulators.cognito;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A user pool's password policy (Cognito's default: 8 characters, each of the four kinds required). */
public record PasswordPolicy(
        int minLength,
        boolean requireLowercase,
        boolean requireUppercase,
        boolean requireDigits,
        boolean requireSymbols) {
    /** The symbols Cognito counts as special characters. */
    static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";
    // The generated passwords use only symbols that survive being copied out of an e-mail.
    private static final String GENERATED_SYMBOLS = "!#%&*+-=?@^_";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";

    public PasswordPolicy {
        if (minLength < 6 || minLength > 99) {
            throw new IllegalArgumentException("Cognito's minimum password length is 6 to 99, not " + minLength);
        }
    }

    public static PasswordPolicy defaults() {
        return new PasswordPolicy(8, true, true, true, true);
    }

    /** Why {@code password} does not conform, in Cognito's words, or null when it does. */
    String violation(String password) {
        if (password.length() < minLength) {
            return "Password not long enough";
        }
        if (requireLowercase && password.chars().noneMatch(Character::isLowerCase)) {
            return "Password must have lowercase characters";
        }
        if (requireUppercase && password.chars().noneMatch(Character::isUpperCase)) {
            return "Password must have uppercase characters";
        }
        if (requireDigits && password.chars().noneMatch(Character::isDigit)) {
            return "Password must have numeric characters";
        }
        if (requireSymbols && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            return "Password must have symbol characters";
        }
        return null;
    }

    /** A temporary password that conforms: at least 12 characters, every kind of character. */
    String generate(SecureRandom random) {
        List<Character> chars = new ArrayList<>();
        for (String kind : List.of(LOWER, UPPER, DIGITS, GENERATED_SYMBOLS)) {
            chars.add(kind.charAt(random.nextInt(kind.length())));
        }
        String all = LOWER + UPPER + DIGITS + GENERATED_SYMBOLS;
        while (chars.size() < Math.max(12, minLength)) {
            chars.add(all.charAt(random.nextInt(all.length())));
        }
        Collections.shuffle(chars, random);
        StringBuilder password = new StringBuilder();
        chars.forEach(password::append);
        return password.toString();
    }
}
