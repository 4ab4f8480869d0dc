package dev.verity.it;

import dev.verity.aws.AwsClients;
import dev.verity.aws.CatalogProvisioner;
import dev.verity.aws.Environment;
import dev.verity.emulators.EmulatorSetup;
import dev.verity.emulators.Emulators;

/**
 * Creates the catalog's resources (bucket, table, queues, state machine) on the embedded services once per test
 * run, and gives the handlers the environment the stack would give them, as system properties.
 */
public final class CatalogResources implements EmulatorSetup {

    public static final String BUCKET = "verity-data";
    /** The portal link the tests' notices and invitations carry. */
    public static final String PORTAL_URL = "https://verity.test";

    @Override
    public void setUp(Emulators emulators) {
        CatalogProvisioner.Provisioned provisioned =
                new CatalogProvisioner(new AwsClients(Environment.current())).provision(BUCKET, "000000000000");
        provisioned.functionEnvironment().forEach(System::setProperty);
        if (emulators.hasNotifications()) {
            new CatalogProvisioner(new AwsClients(Environment.current()))
                    .provisionWorkforce(emulators.cognito().userPoolId(), PORTAL_URL)
                    .forEach(System::setProperty);
        }
    }
}
