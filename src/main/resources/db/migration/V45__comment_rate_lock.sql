-- Module comment: lock rows that make the rate limits exact when comments arrive in parallel. A submission
-- locks the rows of its network's and its address's stripes (key hash mod 64) before it counts and inserts,
-- so two comments with the same key are counted one after the other, on any node.
create table comment_rate_lock (
    stripe integer not null primary key
);
insert into comment_rate_lock (stripe) values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16),(17),(18),(19),(20),(21),(22),(23),(24),(25),(26),(27),(28),(29),(30),(31),(32),(33),(34),(35),(36),(37),(38),(39),(40),(41),(42),(43),(44),(45),(46),(47),(48),(49),(50),(51),(52),(53),(54),(55),(56),(57),(58),(59),(60),(61),(62),(63);
