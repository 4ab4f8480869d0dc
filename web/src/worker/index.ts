// The worker portal: defines <verity-worker-home> and <verity-labeling-session> (and the labeling tools they use).
import './worker-home';
import './labeling-session';

export { WorkerHome } from './worker-home';
export { LabelingSession } from './labeling-session';
