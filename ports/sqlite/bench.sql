-- ports/sqlite/bench.sql: SQLite's shell on JerichoOS (ports/README.md),
-- typed on stdin (under 4 KiB: the console ring); .exit ends it.
.headers on
.mode list
SELECT sqlite_version() AS version, 6 * 7 AS answer;
CREATE TABLE city(id INTEGER PRIMARY KEY, name TEXT, country TEXT, pop INT);
INSERT INTO city(name, country, pop) VALUES
  ('Lisbon', 'PT', 545000), ('Porto', 'PT', 232000), ('Madrid', 'ES', 3223000),
  ('Sevilla', 'ES', 688000), ('Lyon', 'FR', 513000), ('Paris', 'FR', 2161000),
  ('Nice', 'FR', 342000), ('Bern', 'CH', 134000);
SELECT country, count(*) AS n, sum(pop) AS total, max(name) AS last
  FROM city GROUP BY country ORDER BY total DESC;
SELECT name, pop, rank() OVER (PARTITION BY country ORDER BY pop DESC) AS r
  FROM city WHERE country IN ('FR', 'ES') ORDER BY country, r;
SELECT upper(substr(name, 1, 3)) || '-' || length(name) AS code,
  printf('%08.2f', pop / 1000.0) AS k, replace(name, 'o', '0') AS z
  FROM city ORDER BY id LIMIT 4;
SELECT json_object('n', name, 'p', pop) AS j FROM city WHERE pop > 1000000 ORDER BY pop;
SELECT json_extract('{"a":[1,2,{"b":"deep"}]}', '$.a[2].b') AS deep;
-- a benchmark-like part: 5,000 generated rows, an index, a join, aggregates
CREATE TABLE n(i INTEGER PRIMARY KEY, sq INT, h TEXT);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000)
  INSERT INTO n SELECT x, x * x, hex(x * 2654435761 % 4294967296) FROM c;
CREATE INDEX n_h ON n(h);
SELECT count(*) AS rows, sum(sq) % 1000000007 AS sumsq, min(h) AS minh, max(h) AS maxh FROM n;
SELECT count(*) AS pairs FROM n a JOIN n b ON b.i = a.i * 2 WHERE a.i % 7 = 0;
SELECT i % 10 AS digit, count(*) AS n, avg(sq) AS avgsq FROM n GROUP BY digit ORDER BY digit LIMIT 3;
SELECT group_concat(i, ',') AS primes FROM (SELECT i FROM n WHERE i > 1 AND NOT EXISTS
  (SELECT 1 FROM n d WHERE d.i > 1 AND d.i * d.i <= n.i AND n.i % d.i = 0) LIMIT 12);
BEGIN;
UPDATE n SET h = lower(h) WHERE i <= 2500;
DELETE FROM n WHERE i % 3 = 0;
ROLLBACK;
SELECT count(*) AS after_rollback, sum(h = upper(h)) AS upper_kept FROM n;
SELECT 'done' AS status;
.exit 0
