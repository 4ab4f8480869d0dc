package dev.verity.members;

import java.time.Instant;

/**
 * A worker of the private workforce as the user directory knows them: the e-mail they sign in with (their user
 * name), the subject their tokens carry, whether they may work, and the directory's account status (Cognito's
 * {@code UserStatus}: {@code FORCE_CHANGE_PASSWORD} until the first sign-in, then {@code CONFIRMED}).
 */
public record Member(String email, String sub, boolean enabled, String status, Instant created) {}
