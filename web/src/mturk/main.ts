// The public crowd's task page (mturk.html): Mechanical Turk shows it in a frame for a HIT's ExternalQuestion.
import './crowd-task';
