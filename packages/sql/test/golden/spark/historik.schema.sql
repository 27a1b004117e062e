CREATE TABLE `citizens` (`cpr` STRING, `birth_date` DATE, `education` STRING, `literacy` BIGINT, `benefit` STRING, `motivated` BOOLEAN, `henvist` DATE, `visiteret` DATE);
CREATE TABLE `forloeb` (`cpr` STRING NOT NULL, `kind` STRING, `start` DATE, `end` DATE);
CREATE TABLE `samtaler` (`cpr` STRING NOT NULL, `dato` DATE, `form` STRING);
