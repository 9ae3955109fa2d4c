"""What the atlas answers, as JSON-ready dicts: the home, region, segment, organisation, event and document views,
the lists of events and documents, the search, comparison, curation log and collaboration views. The methods of
:class:`icatlas.atlas.Atlas` call these; the web app's pages and their JSON twins show them."""
