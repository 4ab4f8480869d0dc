// requester console: defines verity-job-list, verity-create-job, verity-job-page, verity-data-browser
