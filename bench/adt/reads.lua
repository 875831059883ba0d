-- wrk script: GET /digitaltwins/{id} for ids read from the file in IDS, at random, with the API key in KEY.
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local auth = "Bearer " .. os.getenv("KEY")
request = function()
  return wrk.format("GET", "/digitaltwins/" .. ids[math.random(#ids)] .. "?api-version=2022-05-31", { ["Authorization"] = auth })
end
