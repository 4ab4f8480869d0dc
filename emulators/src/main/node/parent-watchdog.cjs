// Preloaded (node --require) by dev.verity.emulators.DynamoEmulator in front of dynalite's cli.js.
// The JVM holds this process's stdin open; when the JVM goes away, even by SIGKILL, stdin reaches end-of-file
// and the emulator exits instead of lingering as an orphan on its port.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
