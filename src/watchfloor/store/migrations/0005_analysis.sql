-- Indexes for trends, alerts and the weekly brief (store/analysis.py).
CREATE INDEX IF NOT EXISTS events_area_date ON events(country, admin1, event_date);
CREATE INDEX IF NOT EXISTS events_actor1_date ON events(actor1, event_date);
CREATE INDEX IF NOT EXISTS events_actor2_date ON events(actor2, event_date);
CREATE INDEX IF NOT EXISTS events_location_date ON events(location_text, event_date);
