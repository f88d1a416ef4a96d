-- Raised whenever a staff member's sessions must end: disabled, role changed, password changed,
-- "sign out everywhere". Every signed-in request compares it with the value its session started with.
alter table staff_user add column session_version integer not null default 0;
