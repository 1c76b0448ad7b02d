// A tiny network, catalog, stock and ZIP table for the HTTP tests.

import SameDayCore

enum ServerFixtures {
    static let network = """
        {
          "name": "tiny",
          "regions": [{"id": "west", "name": "West"}, {"id": "east", "name": "East"}],
          "nodes": [
            {"id": "SEA1", "kind": "fulfillment-center", "region": "west",
             "lat": 47.25, "lon": -122.44, "timezone": "America/Los_Angeles",
             "temperatures": ["ambient", "chilled"], "processingMinutes": 120},
            {"id": "NYC1", "kind": "fulfillment-center", "region": "east",
             "lat": 40.73, "lon": -74.17, "timezone": "America/New_York", "processingMinutes": 120},
            {"id": "SEA-NOW1", "kind": "now-site", "region": "west",
             "lat": 47.62, "lon": -122.35, "timezone": "America/Los_Angeles",
             "processingMinutes": 0, "radiusKm": 6, "promiseMinutes": 30,
             "openHours": {"open": "07:00", "close": "23:00"}},
            {"id": "DSE2", "kind": "delivery-station", "region": "west",
             "lat": 47.55, "lon": -122.32, "timezone": "America/Los_Angeles",
             "temperatures": ["ambient", "chilled"], "sortMinutes": 30,
             "waves": [{"departs": "09:30", "deliversBy": "14:00"},
                       {"departs": "16:00", "deliversBy": "21:00"}],
             "zips": ["98109", "98101"]}
          ],
          "lanes": [{"from": "SEA1", "to": "DSE2",
                     "departures": ["05:00", "13:00", "21:00"], "transitMinutes": 60}],
          "carrier": {"pickup": "17:00", "deliversBy": "20:00",
                      "transitDays": [{"maxKm": 500, "days": 1}, {"maxKm": 1500, "days": 2},
                                      {"maxKm": 6000, "days": 4}]}
        }
        """

    static let catalog = """
        sku,name,lengthMm,widthMm,heightMm,weightG,priceCents,temperature,seller
        A1,"Socks, wool",200,100,50,120,1299,ambient,s1
        B7,Milk 1L,80,80,200,1050,249,chilled,s2
        LAST,Last units,100,100,100,500,999,ambient,s1
        """

    static let inventory = """
        node,sku,available
        SEA1,A1,100
        SEA1,B7,20
        SEA-NOW1,A1,5
        NYC1,A1,50
        SEA1,LAST,10
        """

    static let zips = """
        zip,lat,lon,timezone,state,city,population
        98109,47.6339,-122.3476,America/Los_Angeles,WA,Seattle,20026
        98101,47.6114,-122.3305,America/Los_Angeles,WA,Seattle,20026
        10001,40.7506,-73.9972,America/New_York,NY,New York,21102
        """

    /// 2026-12-23T10:00:00-08:00, a Wednesday morning in Seattle.
    static let morning = ISO8601.parse("2026-12-23T10:00:00-08:00")!
}
