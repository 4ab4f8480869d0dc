// The requester console: defines verity-job-list, verity-create-job, verity-job-page and verity-data-browser.
import './job-list';
import './create-job';
import './job-page';
import './data-browser';
