-- The load of Scripts/load_test.py for wrk, a generator in C that leaves the server more of the cores:
--   wrk --threads 1 --connections 50 --duration 10s --latency --script Scripts/load_test.lua http://127.0.0.1:8420
-- Each connection cycles through the same query mix: pages for the origin's example queries, with the
-- tenth of each eighteen for the JSON rows. Only loopback addresses are accepted. wrk counts the answers
-- other than 2xx and 3xx itself ("Non-2xx or 3xx responses").
local queries = {"beach + sunrise", "bike - park", "people + park", "car - yellow", "cold - snow", "travel + paint",
                 "fish + food", "train - car", "music", "flag", "beach - sunrise", "car + yellow", "words 8 king - man + woman",
                 "let x = bike - park; top 12 x", "IMG_12", "IMG_1 + park", "IMG_3 - dog", "IMG_1 + IMG_10"}

-- As Python's urllib.parse.quote_plus: letters, digits and _.-~ stay, a space is +, any other byte %XX.
local function quote_plus(text)
  return (text:gsub("[^%w_%.%-~ ]", function(c) return string.format("%%%02X", string.byte(c)) end):gsub(" ", "+"))
end

local paths = {}
for i, query in ipairs(queries) do
  local route = ((i - 1) % 10 == 9) and "/api/query" or "/"
  paths[i] = route .. "?q=" .. quote_plus(query)
end

local next_path = 0

function init(args)
  local host = wrk.host
  if not (host == "127.0.0.1" or host == "localhost" or host == "::1" or host:match("^127%.")) then
    error("load_test.lua: only a server on this machine (loopback) may be load-tested, not " .. host)
  end
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
