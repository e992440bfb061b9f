"""Events -> Leaflet maps: layers, time control, routes, legend and export."""
