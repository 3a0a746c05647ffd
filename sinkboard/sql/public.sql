-- Builds the public warehouse from the attached internal one: aggregates and registered projects only, no personal data.
create table build_info as select built_at, is_synthetic, sinkboard_version from internal.build_info;
