// A standard third-party client, ccxt, pointed at the simulator unchanged but for its base URLs: markets, book,
// funding, a market order, the order queried, positions and balance on each venue, then (Binance) a reduce-only close.
// Manual check, not part of the test suite (it needs Node.js and npm): see README.md beside it.
// Currencies are not fetched (has.fetchCurrencies = false): they come from the venues' private asset/wallet
// endpoints, which the simulator does not serve.
import ccxt from 'ccxt';
const [binancePort, bybitPort, okxPort] = process.argv.slice(2);
const out = (venue, what, v) => console.log(`${venue} ${what}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
let failed = 0;
async function run(venue, fn) { try { await fn(); } catch (e) { failed++; console.log(`${venue} FAILED: ${e.constructor.name}: ${e.message.slice(0, 400)}`); } }

await run('binance', async () => {
  const host = `http://127.0.0.1:${binancePort}`;
  const ex = new ccxt.binanceusdm({ apiKey: 'sim-binance-key', secret: 'sim-binance-secret',
    options: { fetchCurrencies: false, fetchMarkets: { types: ['linear'] }, warnOnFetchOpenOrdersWithoutSymbol: false } });
  ex.has.fetchCurrencies = false;
  ex.urls.api = { ...ex.urls.api, fapiPublic: host + '/fapi/v1', fapiPublicV2: host + '/fapi/v2', fapiPublicV3: host + '/fapi/v3',
    fapiPrivate: host + '/fapi/v1', fapiPrivateV2: host + '/fapi/v2', fapiPrivateV3: host + '/fapi/v3', fapiData: host + '/futures/data' };
  await ex.loadMarkets(); out('binance', 'markets', Object.keys(ex.markets));
  const book = await ex.fetchOrderBook('BTC/USDT:USDT', 5); out('binance', 'book top', [book.bids[0], book.asks[0]]);
  const fr = await ex.fetchFundingRate('BTC/USDT:USDT'); out('binance', 'funding', [fr.fundingRate, fr.markPrice, fr.fundingDatetime]);
  const o = await ex.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.01); out('binance', 'order', [o.id, o.status, o.filled]);
  const q = await ex.fetchOrder(o.id, 'BTC/USDT:USDT'); out('binance', 'fetched', [q.status, q.filled, q.average]);
  const pos = await ex.fetchPositions(['BTC/USDT:USDT']); out('binance', 'position', pos.map(p => [p.symbol, p.contracts, p.side, p.entryPrice]));
  const bal = await ex.fetchBalance(); out('binance', 'USDT', bal.USDT);
  const c = await ex.createOrder('BTC/USDT:USDT', 'market', 'sell', 0.01, undefined, { reduceOnly: true }); out('binance', 'close', [c.status]);
});

await run('bybit', async () => {
  const host = `http://127.0.0.1:${bybitPort}`;
  const ex = new ccxt.bybit({ apiKey: 'sim-bybit-key', secret: 'sim-bybit-secret',
    options: { fetchCurrencies: false, fetchMarkets: { types: ['linear'] }, defaultType: 'swap', loadAllOptions: false } });
  ex.urls.api = { spot: host, futures: host, v2: host, public: host, private: host };
  ex.has.fetchCurrencies = false;
  await ex.loadMarkets(); out('bybit', 'markets', Object.keys(ex.markets));
  const book = await ex.fetchOrderBook('BTC/USDT:USDT', 5); out('bybit', 'book top', [book.bids[0], book.asks[0]]);
  const fr = await ex.fetchFundingRate('BTC/USDT:USDT'); out('bybit', 'funding', [fr.fundingRate, fr.markPrice, fr.fundingDatetime]);
  const o = await ex.createOrder('BTC/USDT:USDT', 'market', 'buy', 0.01); out('bybit', 'order', [o.id]);
  const q = await ex.fetchOrder(o.id, 'BTC/USDT:USDT', { acknowledged: true }); out('bybit', 'fetched', [q.status, q.filled, q.average]);
  const pos = await ex.fetchPositions(['BTC/USDT:USDT']); out('bybit', 'position', pos.map(p => [p.symbol, p.contracts, p.side, p.entryPrice]));
  const bal = await ex.fetchBalance(); out('bybit', 'USDT', bal.USDT);
});

await run('okx', async () => {
  const host = `http://127.0.0.1:${okxPort}`;
  const ex = new ccxt.okx({ apiKey: 'sim-okx-key', secret: 'sim-okx-secret', password: 'sim-okx-passphrase',
    options: { fetchCurrencies: false, fetchMarkets: { types: ['swap'] }, defaultType: 'swap' } });
  ex.urls.api = { rest: host };
  ex.has.fetchCurrencies = false;
  await ex.loadMarkets(); out('okx', 'markets', Object.keys(ex.markets));
  const book = await ex.fetchOrderBook('BTC/USDT:USDT', 5); out('okx', 'book top', [book.bids[0], book.asks[0]]);
  const fr = await ex.fetchFundingRate('BTC/USDT:USDT'); out('okx', 'funding', [fr.fundingRate, fr.fundingDatetime]);
  const o = await ex.createOrder('BTC/USDT:USDT', 'market', 'buy', 1, undefined, { tdMode: 'cross' }); out('okx', 'order', [o.id]);
  const q = await ex.fetchOrder(o.id, 'BTC/USDT:USDT'); out('okx', 'fetched', [q.status, q.filled, q.average]);
  const pos = await ex.fetchPositions(['BTC/USDT:USDT']); out('okx', 'position', pos.map(p => [p.symbol, p.contracts, p.side, p.entryPrice]));
  const bal = await ex.fetchBalance(); out('okx', 'USDT', bal.USDT);
});
process.exit(failed === 0 ? 0 : 1);
