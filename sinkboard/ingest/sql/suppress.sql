-- Where each private party's row of one public table is published: in its own cell when that cell holds at least
-- $smallest distinct parties, else in its prefecture's cell, else in its zone's month without the finer categories
-- (small_cells.FACTS); rows still in a zone's month of fewer parties come out as 'over_time', and small_cells.py
-- merges them over time. A cell's parties are those of all its rows, counted by their normalised names (party_keys);
-- the parties of a kind without a name count as one party, '(nameless <kind>)'. The names in braces are filled in from
-- the allow-list in sinkboard/ingest/small_cells.py, never from data.
-- One row per row and party: a row of two parties (a trade's buyer and seller) is in its cell twice, so both count;
-- party_number 1 is each row once.
create temp table {table}_levels as
with by_party as (
    select
        {table}_private.* exclude (parties),
        unnest({table}_private.parties) as named,
        generate_subscripts({table}_private.parties, 1) as party_number,
    from {table}_private
),

keyed as (
    select
        by_party.* exclude (named),
        coalesce(nullif(party_keys.party_key, ''), '(nameless ' || by_party.named.kind || ')') as party,
    from by_party
    left join party_keys on party_keys.party = by_party.named.name
),

in_county as (
    select *, count(distinct party) over (partition by {county_cell}) as cell_parties,
    from keyed
),

in_prefecture as (
    select * exclude (cell_parties), count(distinct party) over (partition by {prefecture_cell}) as cell_parties,
    from in_county
    where cell_parties < $smallest
),

in_zone as (
    select * exclude (cell_parties), count(distinct party) over (partition by {zone_cell}) as cell_parties,
    from in_prefecture
    where cell_parties < $smallest
),

select *, 'county' as level from in_county where cell_parties >= $smallest
union all by name
select *, 'prefecture' as level from in_prefecture where cell_parties >= $smallest
union all by name
select *, case when cell_parties >= $smallest then 'zone' else 'over_time' end as level from in_zone;
