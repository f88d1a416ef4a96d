-- Module subscription: the consent record keeps the network of the request and, separately, the
-- network the confirmation came from (confirming used to overwrite the first).

alter table subscription add column confirm_network_hash varchar(64);
