-- ports/lua/bench.lua: Lua 5.4 on JerichoOS (ports/README.md). Typed on
-- stdin (under 4 KiB: the console ring). N comes from the args (-e N=...).
N = tonumber(N) or 2000
print(("%s, N=%d"):format(_VERSION, N))

-- tables
local t = {}
for i = 1, 20 do t[#t + 1] = (i * 7919) % 101 end
table.sort(t)
print("sorted: " .. table.concat(t, ",", 1, 10))
table.insert(t, 1, -1); table.remove(t)
local inv = {}
for k, v in ipairs(t) do inv[v] = k end
local keys = 0
for _ in pairs(inv) do keys = keys + 1 end
print("table: #t=" .. #t .. " first=" .. t[1] .. " keys=" .. keys)

-- strings
local s = "the quick brown fox jumps over the lazy dog"
local words = {}
for w in s:gmatch("%a+") do words[#words + 1] = w end
print(("words=%d longest=%s"):format(#words, (function()
  local best = ""
  for _, w in ipairs(words) do if #w > #best then best = w end end
  return best end)()))
print("gsub: " .. (s:gsub("(%a+)", function(w) return w:sub(1, 1):upper() .. w:sub(2) end)))
print("find: " .. table.concat({s:find("(b%a+)")}, " "))
print("rep/byte: " .. ("ab"):rep(3, "-") .. " " .. string.char(s:byte(1, 3)) .. " " .. ("%5.2f|%x|%q"):format(math.pi, 255, "a\tb"))

-- closures
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
for _ = 1, 5 do inc() end
local memo = {}
local function fib(n)
  if n < 2 then return n end
  if memo[n] then return memo[n] end
  local v = fib(n - 1) + fib(n - 2); memo[n] = v; return v
end
print("closures: count=" .. get() .. " fib(80)=" .. fib(80))

-- coroutines
local gen = coroutine.create(function(a, b)
  local x = coroutine.yield(a + b)
  for i = 1, 3 do x = coroutine.yield(x * i) end
  return "done"
end)
local out = {}
local ok, v = coroutine.resume(gen, 1, 2); out[#out + 1] = v
for i = 1, 4 do ok, v = coroutine.resume(gen, 10 + i); out[#out + 1] = tostring(v) end
print("coroutine: " .. table.concat(out, " ") .. " " .. coroutine.status(gen))
local primes = coroutine.wrap(function()
  local n = 2
  while true do
    local p = true
    for d = 2, math.floor(math.sqrt(n)) do if n % d == 0 then p = false; break end end
    if p then coroutine.yield(n) end
    n = n + 1
  end
end)
local ps = {}
for _ = 1, 10 do ps[#ps + 1] = primes() end
print("primes: " .. table.concat(ps, " "))

-- errors: pcall, error objects, in a coroutine, xpcall
print("pcall: " .. tostring(select(2, pcall(error, "boom", 0))))
local eok, eobj = pcall(function() error({code = 42}) end)
print("error table: " .. tostring(eok) .. " " .. eobj.code)
local bad = coroutine.create(function() local z = nil; return z.field end)
local cok, cmsg = coroutine.resume(bad)
print("coroutine error: " .. tostring(cok) .. " " .. cmsg:gsub("^.-:%d+: ", ""))
print("xpcall: " .. select(2, xpcall(function() return 1 + {} end,
  function(m) return "handled " .. m:gsub("^.-:%d+: ", "") end)))
print("nested pcall depth 50: " .. (function()
  local function deep(n) if n == 0 then error("bottom", 0) end
    local ok2, m = pcall(deep, n - 1); error(m .. ".", 0) end
  local _, m = pcall(deep, 50); return #m end)())

-- the loop: integers, floats, strings, tables, a call and a coroutine switch
local acc, facc, parts = 0, 0.0, {}
local step = coroutine.wrap(function() local k = 0; while true do k = k + 1; coroutine.yield(k) end end)
local sq = function(x) return x * x end
for i = 1, N do
  acc = (acc + sq(i) * 31 + (i ~ (i >> 3))) % 1000000007
  facc = facc + math.sin(i) * math.sqrt(i)
  local key = "k" .. (i % 97)
  parts[key] = (parts[key] or 0) + step()
  if i % 500 == 0 then collectgarbage("step") end
end
local psum = 0
for _, n in pairs(parts) do psum = psum + n end
print(("loop: acc=%d facc=%.6f keys=%d psum=%d"):format(acc, facc, #(function()
  local l = {}; for k in pairs(parts) do l[#l + 1] = k end; return l end)(), psum))
print("done")
