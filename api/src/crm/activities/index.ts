/** The public surface of crm/activities: what other folders may import from it (the lint rule enforces it). */
export { activitiesRouter } from './activities.routes.js';
export { ACTIVITY_REMINDERS_JOB, defineActivityJobs, remindDueActivities } from './activity-reminders.js';
export { Activity, type ActivityAttrs, activitySearchText, remindAtOf } from './activity.model.js';
export { activityListConditions, activityListSort } from './activity.query.js';
export { aircallTokenMatches, aircallWebhookRouter } from './aircall.webhook.js';
