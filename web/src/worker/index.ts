// worker portal: defines verity-worker-home and verity-labeling-session
