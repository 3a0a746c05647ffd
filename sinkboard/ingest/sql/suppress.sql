-- Where each private party's row of one public table is published: in its own cell when that cell holds at least
-- $smallest distinct parties, else in its prefecture's cell, else in its zone's month without the finer categories
-- (small_cells.FACTS); rows still in a zone's month of fewer parties come out as 'over_time', and small_cells.py
-- merges them over time. Parties are counted by their normalised names (party_keys); rows without a name count as one
-- party, ''. The names in braces are filled in from the allow-list in sinkboard/ingest/small_cells.py, never from data.
create temp table {table}_levels as
with keyed as (
    select
        {table}_private.* exclude (party),
        coalesce(party_keys.party_key, '') as party,
    from {table}_private
    left join party_keys using (party)
),

in_county as (
    select *, count(distinct party) over (partition by {county_cell}) as parties,
    from keyed
),

in_prefecture as (
    select * exclude (parties), count(distinct party) over (partition by {prefecture_cell}) as parties,
    from in_county
    where parties < $smallest
),

in_zone as (
    select * exclude (parties), count(distinct party) over (partition by {zone_cell}) as parties,
    from in_prefecture
    where parties < $smallest
)

select *, 'county' as level from in_county where parties >= $smallest
union all by name
select *, 'prefecture' as level from in_prefecture where parties >= $smallest
union all by name
select *, case when parties >= $smallest then 'zone' else 'over_time' end as level from in_zone;
