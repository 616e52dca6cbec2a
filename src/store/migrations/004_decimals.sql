-- Schema 4: an indicator's number of decimals, as its source writes its
-- figures (14,0; 1,60). NULL: as many as a value has.
ALTER TABLE indicator ADD COLUMN decimals INTEGER CHECK (decimals BETWEEN 0 AND 6);
