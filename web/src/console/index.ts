// The requester console: defines verity-job-list, verity-create-job, verity-job-page, verity-data-browser,
// verity-teams, verity-team-page and verity-mailbox.
import './job-list';
import './create-job';
import './job-page';
import './data-browser';
import './teams';
import './team-page';
import './mailbox';
