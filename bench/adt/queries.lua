-- wrk script: POST /query, IS_OF_MODEL with a filter (the sites of one type in one borough, at random), with the API key in KEY.
local headers = { ["Authorization"] = "Bearer " .. os.getenv("KEY"), ["Content-Type"] = "application/json" }
local boroughs = { "E09000007", "E09000033", "E09000019", "E09000012", "E09000028" }
local types = { "bus-stop", "school", "park", "station", "high-street", "other" }
request = function()
  local query = "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:urbantwin:place:Site;1') AND T.siteType = '"
    .. types[math.random(#types)] .. "' AND T.areaCode = '" .. boroughs[math.random(#boroughs)] .. "' AND T.name = 'place " .. math.random(0, 99999) .. "'"
  return wrk.format("POST", "/query?api-version=2022-05-31", headers, '{"query":"' .. query .. '"}')
end
response = function(status)
  if status ~= 200 then io.stderr:write("query answered " .. status .. "\n") end
end
