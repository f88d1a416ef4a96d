-- Module site: used nonces of reader form tokens (each token is accepted once).
create table form_nonce (
    nonce   varchar(40)              not null primary key,
    used_at timestamp with time zone not null
);
create index form_nonce_used_at on form_nonce (used_at);
