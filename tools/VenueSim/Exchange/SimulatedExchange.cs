using FundingArb.VenueSim.Accounts;
using FundingArb.VenueSim.Books;
using FundingArb.VenueSim.Faults;
using FundingArb.VenueSim.Instruments;
using FundingArb.VenueSim.Matching;
using FundingArb.VenueSim.Scenarios;

namespace FundingArb.VenueSim.Exchange;

/// <summary>One venue's matching engine and accounts, venue-neutral: instruments with scenario-driven books, orders
/// matched against that depth, one-way cross-margin positions, fees and funding settlements. Front ends parse the
/// venue's wire format, call in under <see cref="Gate"/>, and hear what happened through <see cref="IExchangeObserver"/>.</summary>
/// <remarks>All state is guarded by the one <see cref="Gate"/>: the simulator is not a hot path, and one lock keeps
/// every response and stream event consistent with every other.</remarks>
public sealed class SimulatedExchange
{
    /// <summary>How often the market moves: books are redrawn, resting orders re-checked, settlements made.</summary>
    public static readonly TimeSpan StepInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>A clock that jumps further than this (virtual time in tests) settles funding on the way but redraws the
    /// books only for the last few steps, so an 8-hour jump costs milliseconds, not 288 000 redraws.</summary>
    private const int MaxReplayedSteps = 20;

    private const int MaxOpenOrdersPerSymbol = 200;
    private const int DefaultLeverage = 20;

    private readonly Dictionary<string, InstrumentMarket> _markets = [];
    private readonly Dictionary<string, TradingAccount> _accounts = [];
    private readonly Dictionary<long, SimulatedOrder> _orders = [];
    private readonly List<IExchangeObserver> _observers = [];
    private readonly Random _random;
    private readonly DateTimeOffset _timelineZero;
    private long _nextOrderId = 1_000_000_001;
    private long _nextTradeId = 500_000_001;
    private long _nextTransactionId = 9_000_000_001;

    public SimulatedExchange(VenueKind venue, Scenario scenario, DateTimeOffset now, int seed, IEnumerable<ApiCredential> credentials)
    {
        Venue = venue;
        Faults = new FaultPlan(venue, seed, now);
        // A fixed mix, not HashCode.Combine (salted per process): the same --seed draws the same books in every run.
        _random = new Random(unchecked(seed * 1_000_003 + (int)venue * 7_919) & int.MaxValue);
        _timelineZero = scenario.Start ?? now;
        Now = now;
        long firstUpdateId = 1_000_000;
        foreach (var spec in scenario.Catalog.OfVenue(venue))
        {
            var market = new InstrumentMarket(spec, scenario.PathOf(spec), new SimulatedBook(spec, firstUpdateId))
            {
                CapturedBook = scenario.CapturedBookOf(spec),
            };
            firstUpdateId += 7_000_000; // distinct id ranges make a client that mixes up two books easy to spot
            market.Point = market.Path.Sample(now - _timelineZero);
            market.NextSettlement = InstrumentMarket.SettlementAfter(now, spec.FundingInterval);
            market.MoveBook(now - _timelineZero, _random, now);
            market.Book.TakePending(); // the opening book is the baseline, not a change anyone was sent
            _markets[spec.Symbol] = market;
        }
        foreach (var credential in credentials.Where(c => c.Venue == venue))
        {
            var account = new TradingAccount(credential.ApiKey, credential.Secret, credential.Passphrase, "USDT")
            {
                WalletBalance = credential.StartingBalance,
                UpdatedAt = now,
            };
            account.Income.Add(new IncomeRecord(_nextTransactionId++, "", IncomeKind.Transfer, credential.StartingBalance, "USDT", now, ""));
            _accounts[credential.ApiKey] = account;
        }
    }

    public Lock Gate { get; } = new();
    public VenueKind Venue { get; }

    /// <summary>This venue's injected faults; the exchange applies the order faults, front ends the rest.</summary>
    public FaultPlan Faults { get; }

    /// <summary>Market time of the last step.</summary>
    public DateTimeOffset Now { get; private set; }

    public IReadOnlyDictionary<string, InstrumentMarket> Markets => _markets;

    public void Subscribe(IExchangeObserver observer)
    {
        lock (Gate) _observers.Add(observer);
    }

    public bool TryGetAccount(string apiKey, out TradingAccount account) => _accounts.TryGetValue(apiKey, out account!);

    // ---------------------------------------------------------------- market time

    /// <summary>Moves the market to <paramref name="now"/> in whole steps.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        lock (Gate)
        {
            var steps = (now - Now).Ticks / StepInterval.Ticks;
            if (steps <= 0) return;
            if (steps > MaxReplayedSteps)
            {
                var skipTo = Now + StepInterval * (steps - MaxReplayedSteps);
                SettleDue(skipTo);
                Now = skipTo;
            }
            while (Now + StepInterval <= now) Step(Now + StepInterval);
        }
    }

    private void Step(DateTimeOffset at)
    {
        Now = at;
        foreach (var market in _markets.Values)
        {
            // Publish what changed since the last step first, then redraw: the redraw's changes stay pending until the
            // next step, so a REST snapshot taken in between always falls inside the next published batch.
            if (market.Book.TakePending() is { } batch)
                foreach (var observer in _observers) observer.OnDepth(market, batch, at);
            market.Point = market.Path.Sample(at - _timelineZero);
            market.MoveBook(at - _timelineZero, _random, at);
            MatchRestingOrders(market, at);
            FillLateOrders(market, at);
        }
        SettleDue(at);
        foreach (var observer in _observers) observer.OnStep(at);
        Faults.OnStep(at);
    }

    private void SettleDue(DateTimeOffset upTo)
    {
        foreach (var market in _markets.Values)
            while (market.NextSettlement <= upTo)
            {
                Settle(market, market.NextSettlement);
                market.NextSettlement += market.Spec.FundingInterval;
            }
    }

    /// <summary>Pays funding at <paramref name="at"/>: each position pays qty × contract size × mark × rate — a positive
    /// rate makes longs pay and shorts receive; a negative one the reverse.</summary>
    private void Settle(InstrumentMarket market, DateTimeOffset at)
    {
        var point = market.Path.Sample(at - _timelineZero);
        market.FundingHistory.Add(new FundingRecord(market.Symbol, point.FundingRate, at, point.Mark));
        foreach (var account in _accounts.Values)
        {
            if (!account.Positions.TryGetValue(market.Symbol, out var position) || position.Quantity == 0) continue;
            var payment = position.Quantity * market.Spec.ContractSize * point.Mark * point.FundingRate;
            var amount = Math.Round(-payment, 8);
            account.WalletBalance += amount;
            account.UpdatedAt = at;
            account.Income.Add(new IncomeRecord(_nextTransactionId++, market.Symbol, IncomeKind.FundingFee, amount, account.Asset, at, ""));
            foreach (var observer in _observers) observer.OnBalance(account, BalanceChange.FundingFee, amount, [], at);
        }
    }

    // ---------------------------------------------------------------- orders

    /// <summary>Checks and places an order for <paramref name="account"/> at market time <see cref="Now"/>.</summary>
    public PlacementResult Place(TradingAccount account, OrderRequest request)
    {
        lock (Gate)
        {
            var now = Now;
            if (!_markets.TryGetValue(request.Symbol, out var market)) return PlacementResult.Reject(RejectReason.UnknownSymbol);
            var spec = market.Spec;
            var open = OpenOrders(account, request.Symbol);
            // An order without a client id (optional on Bybit and OKX) cannot clash with another.
            if (request.ClientOrderId.Length > 0 && open.Any(o => o.ClientOrderId == request.ClientOrderId))
                return PlacementResult.Reject(RejectReason.DuplicateClientOrderId);
            if (open.Count >= MaxOpenOrdersPerSymbol) return PlacementResult.Reject(RejectReason.TooManyOpenOrders);

            var buy = request.Side == OrderSide.Buy;
            var position = account.Position(spec.Symbol, DefaultLeverage);
            if (request.ReduceOnly && (position.Quantity == 0 || (position.Quantity > 0) == buy))
                return PlacementResult.Reject(RejectReason.ReduceOnlyWouldIncrease);

            var mark = market.Point.Mark;
            if (request.Kind == OrderKind.Limit)
            {
                if (request.Price > mark * spec.PercentPriceUp) return PlacementResult.Reject(RejectReason.PriceAboveBand, Format(mark * spec.PercentPriceUp, spec.PricePrecision));
                if (request.Price < mark * spec.PercentPriceDown) return PlacementResult.Reject(RejectReason.PriceBelowBand, Format(mark * spec.PercentPriceDown, spec.PricePrecision));
            }
            var opposite = buy ? market.Book.BestAsk : market.Book.BestBid;
            var referencePrice = request.Kind == OrderKind.Limit ? request.Price : opposite ?? mark;
            if (!request.ReduceOnly && request.Quantity * spec.ContractSize * referencePrice < spec.MinNotional)
                return PlacementResult.Reject(RejectReason.NotionalTooSmall, spec.MinNotional.ToString(System.Globalization.CultureInfo.InvariantCulture));
            RejectReason? unmatchable = null;
            if (request.TimeInForce == TimeInForce.PostOnly && opposite is { } best && (buy ? request.Price >= best : request.Price <= best))
                unmatchable = RejectReason.PostOnlyWouldTake;
            var executable = request.ReduceOnly ? Math.Min(request.Quantity, Math.Abs(position.Quantity)) : request.Quantity;
            if (request.TimeInForce == TimeInForce.FillOrKill && (executable < request.Quantity || market.Book.Available(buy, request.Price) < request.Quantity))
                unmatchable = RejectReason.FillOrKillUnfillable;
            if (unmatchable is { } refused && !request.CancelInsteadOfReject) return PlacementResult.Reject(refused);

            var increasing = request.ReduceOnly ? 0m
                : position.Quantity != 0 && (position.Quantity > 0) != buy ? Math.Max(0, request.Quantity - Math.Abs(position.Quantity))
                : request.Quantity;
            var required = increasing * spec.ContractSize * referencePrice / position.Leverage;
            if (unmatchable is null && required > 0 && required > AvailableBalance(account))
                return PlacementResult.Reject(RejectReason.InsufficientMargin);

            // Faults apply to orders the venue would accept, so "the Nth order" counts only those.
            var fault = Faults.DecideOrder(request, now);
            if (fault is { Kind: FaultKind.Reject }) return PlacementResult.Injected(fault);

            var order = File(account, request, spec, null, now);
            order.Fault = fault;
            var accepted = order.Snapshot();
            Notify(account, order, null, now);
            if (unmatchable is not null)
            {
                End(account, order, OrderStatus.Expired, now);
                return new PlacementResult(null, accepted, order);
            }

            switch (fault?.Kind)
            {
                case FaultKind.NeverFill:
                    break; // stays NEW, whatever its type, until canceled
                case FaultKind.LateFill:
                    order.FillDue = now + fault.Delay;
                    break;
                case FaultKind.PartialFill:
                    var share = fault.Quantity ?? Math.Floor(request.Quantity * fault.Fraction!.Value / spec.StepSize) * spec.StepSize;
                    MatchOnArrival(account, market, order, Math.Min(executable, share), now, expireRest: true);
                    break;
                default:
                    MatchOnArrival(account, market, order, executable, now, expireRest: false);
                    break;
            }
            return new PlacementResult(null, accepted, order);
        }
    }

    /// <summary>Matches a new (or newly due) order as taker for up to <paramref name="executable"/>, then ends what its
    /// type does not let rest: a market or IOC/FOK remainder, a reduce-only order with nothing left to reduce, or
    /// the rest of a partial-fill fault.</summary>
    private void MatchOnArrival(TradingAccount account, InstrumentMarket market, SimulatedOrder order, decimal executable, DateTimeOffset now, bool expireRest)
    {
        var buy = order.Side == OrderSide.Buy;
        if (order.TimeInForce != TimeInForce.PostOnly && executable > 0)
        {
            var limit = order.Kind == OrderKind.Limit ? order.Price : (decimal?)null;
            foreach (var (price, qty) in market.Book.Take(buy, executable, limit, now))
                Execute(account, market, order, price, qty, maker: false, now);
            if (order.ExecutedQuantity > 0) NotifyBalance(account, order.Symbol, now);
        }
        if (!order.IsOpen) return;
        var endsNow = expireRest
            || order.Kind == OrderKind.Market
            || order.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill
            || (order.ReduceOnly && account.Position(order.Symbol, DefaultLeverage).Quantity == 0);
        if (endsNow) End(account, order, OrderStatus.Expired, now);
    }

    /// <summary>What an order may still execute: its remainder, capped to the position for a reduce-only order.</summary>
    private static decimal Executable(TradingAccount account, SimulatedOrder order)
    {
        if (!order.ReduceOnly) return order.RemainingQuantity;
        var position = account.Position(order.Symbol, DefaultLeverage).Quantity;
        return position == 0 || (position > 0) == (order.Side == OrderSide.Buy) ? 0 : Math.Min(order.RemainingQuantity, Math.Abs(position));
    }

    /// <summary>Late-fill faults whose delay has passed: the order now matches as if it had just arrived.</summary>
    private void FillLateOrders(InstrumentMarket market, DateTimeOffset now)
    {
        foreach (var order in _orders.Values)
            if (order.IsOpen && order.Symbol == market.Symbol && order.FillDue <= now) FillLate(_accounts[order.AccountKey], order, now);
    }

    private void FillLate(TradingAccount account, SimulatedOrder order, DateTimeOffset now)
    {
        order.FillDue = null;
        MatchOnArrival(account, _markets[order.Symbol], order, Executable(account, order), now, expireRest: false);
    }

    /// <summary>Cancels one open order. A late-fill order whose fault lets the fill win the race fills first; the
    /// cancel then finds it filled (false) or cancels what is left.</summary>
    private bool CancelOpen(TradingAccount account, SimulatedOrder order, DateTimeOffset now)
    {
        if (order.IsOpen && order.FillDue is not null && order.Fault is { FillsDespiteCancel: true }) FillLate(account, order, now);
        if (!order.IsOpen) return false;
        End(account, order, OrderStatus.Canceled, now);
        return true;
    }

    /// <summary>Files an order the exchange refused as one it accepted and ended at once, for venues that acknowledge an
    /// order before matching and report the refusal on the order itself (Bybit, OKX: a post-only order that would take,
    /// a fill-or-kill order that cannot fill): it gets an id, ends canceled with <paramref name="reason"/>, and
    /// observers hear of it once.</summary>
    public SimulatedOrder FileRefused(TradingAccount account, OrderRequest request, RejectReason reason)
    {
        lock (Gate)
        {
            var order = File(account, request, _markets[request.Symbol].Spec, reason, Now);
            Notify(account, order, null, Now);
            return order;
        }
    }

    /// <summary>Numbers and keeps a new order: open, or — with <paramref name="refusal"/> — already canceled.</summary>
    private SimulatedOrder File(TradingAccount account, OrderRequest request, InstrumentSpec spec, RejectReason? refusal, DateTimeOffset now)
    {
        var order = new SimulatedOrder
        {
            OrderId = _nextOrderId++,
            ClientOrderId = request.ClientOrderId,
            AccountKey = account.ApiKey,
            Symbol = spec.Symbol,
            Side = request.Side,
            Kind = request.Kind,
            TimeInForce = request.TimeInForce,
            Price = request.Kind == OrderKind.Limit ? request.Price : 0,
            Quantity = request.Quantity,
            ReduceOnly = request.ReduceOnly,
            CreatedAt = now,
            ContractSize = spec.ContractSize,
            Status = refusal is null ? OrderStatus.New : OrderStatus.Canceled,
            Refusal = refusal,
            UpdatedAt = now,
        };
        _orders[order.OrderId] = order;
        return order;
    }

    /// <summary>Every order of <paramref name="account"/> (open or ended) on <paramref name="symbol"/> (null: all),
    /// oldest first.</summary>
    public List<SimulatedOrder> Orders(TradingAccount account, string? symbol)
    {
        lock (Gate)
            return [.. _orders.Values.Where(o => o.AccountKey == account.ApiKey && (symbol is null || o.Symbol == symbol))];
    }

    public SimulatedOrder? Find(TradingAccount account, string symbol, long? orderId, string? clientOrderId)
    {
        lock (Gate)
        {
            if (orderId is { } id)
                return _orders.TryGetValue(id, out var byId) && byId.AccountKey == account.ApiKey && byId.Symbol == symbol ? byId : null;
            // The newest order with that client id: ids may be reused once the earlier order is no longer open.
            SimulatedOrder? found = null;
            foreach (var order in _orders.Values)
                if (order.AccountKey == account.ApiKey && order.Symbol == symbol && order.ClientOrderId == clientOrderId) found = order;
            return found;
        }
    }

    public List<SimulatedOrder> OpenOrders(TradingAccount account, string? symbol)
    {
        lock (Gate)
            return [.. _orders.Values.Where(o => o.IsOpen && o.AccountKey == account.ApiKey && (symbol is null || o.Symbol == symbol))];
    }

    /// <summary>Cancels an open order; false when it is not open (filled, canceled, expired) any more.</summary>
    public bool Cancel(TradingAccount account, SimulatedOrder order)
    {
        lock (Gate) return CancelOpen(account, order, Now);
    }

    public int CancelAll(TradingAccount account, string symbol)
    {
        lock (Gate)
        {
            return OpenOrders(account, symbol).Count(order => CancelOpen(account, order, Now));
        }
    }

    /// <summary>Sets the leverage used for margin on <paramref name="symbol"/>.</summary>
    public void SetLeverage(TradingAccount account, string symbol, int leverage)
    {
        lock (Gate) account.Position(symbol, DefaultLeverage).Leverage = leverage;
    }

    public int LeverageOf(TradingAccount account, string symbol)
    {
        lock (Gate) return account.Position(symbol, DefaultLeverage).Leverage;
    }

    private void End(TradingAccount account, SimulatedOrder order, OrderStatus status, DateTimeOffset now)
    {
        order.Status = status;
        order.UpdatedAt = now;
        Notify(account, order, null, now);
    }

    private void MatchRestingOrders(InstrumentMarket market, DateTimeOffset now)
    {
        foreach (var order in _orders.Values)
        {
            if (!order.IsOpen || order.Symbol != market.Symbol || order.Kind != OrderKind.Limit) continue;
            if (order.FillDue is not null || order.Fault?.Kind == FaultKind.NeverFill) continue; // held by a fault
            var buy = order.Side == OrderSide.Buy;
            var best = buy ? market.Book.BestAsk : market.Book.BestBid;
            if (best is not { } price || (buy ? price > order.Price : price < order.Price)) continue;
            var account = _accounts[order.AccountKey];
            var position = account.Position(order.Symbol, DefaultLeverage);
            var quantity = order.RemainingQuantity;
            if (order.ReduceOnly)
            {
                if (position.Quantity == 0 || (position.Quantity > 0) == buy) { End(account, order, OrderStatus.Expired, now); continue; }
                quantity = Math.Min(quantity, Math.Abs(position.Quantity));
            }
            // The market traded through the order's price: it fills as maker, at its own price, against the depth that crossed it.
            var taken = market.Book.Take(buy, quantity, order.Price, now);
            var filled = taken.Sum(t => t.Quantity);
            if (filled == 0) continue;
            Execute(account, market, order, order.Price, filled, maker: true, now);
            NotifyBalance(account, order.Symbol, now);
        }
    }

    private void Execute(TradingAccount account, InstrumentMarket market, SimulatedOrder order, decimal price, decimal quantity, bool maker, DateTimeOffset now)
    {
        var spec = market.Spec;
        var position = account.Position(spec.Symbol, DefaultLeverage);
        var realized = position.Apply(order.Side == OrderSide.Buy, quantity, price, spec.ContractSize);
        position.UpdatedAt = now;
        var notional = price * quantity * spec.ContractSize;
        var fee = Math.Round(notional * (maker ? spec.MakerFeeRate : spec.TakerFeeRate), 8);
        var tradeId = _nextTradeId++;
        account.WalletBalance += realized - fee;
        account.UpdatedAt = now;
        if (realized != 0)
            account.Income.Add(new IncomeRecord(_nextTransactionId++, spec.Symbol, IncomeKind.RealizedPnl, Math.Round(realized, 8), account.Asset, now, tradeId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (fee != 0)
            account.Income.Add(new IncomeRecord(_nextTransactionId++, spec.Symbol, IncomeKind.Commission, -fee, account.Asset, now, tradeId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        order.ExecutedQuantity += quantity;
        order.CumulativeQuote += notional;
        order.Status = order.ExecutedQuantity >= order.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        order.UpdatedAt = now;
        var fill = new Fill(tradeId, price, quantity, fee, maker, realized, now);
        order.Fills.Add(fill);
        Notify(account, order, fill, now);
    }

    private void Notify(TradingAccount account, SimulatedOrder order, Fill? fill, DateTimeOffset now)
    {
        foreach (var observer in _observers) observer.OnOrder(account, order, fill, now);
    }

    private void NotifyBalance(TradingAccount account, string symbol, DateTimeOffset now)
    {
        foreach (var observer in _observers) observer.OnBalance(account, BalanceChange.Order, 0, [symbol], now);
    }

    // ---------------------------------------------------------------- risk (caller holds Gate or accepts a torn read)

    public decimal MarkOf(string symbol) => _markets[symbol].Point.Mark;

    public decimal UnrealizedPnl(TradingAccount account, string symbol)
    {
        if (!account.Positions.TryGetValue(symbol, out var p) || p.Quantity == 0) return 0;
        var market = _markets[symbol];
        return p.Quantity * (market.Point.Mark - p.EntryPrice) * market.Spec.ContractSize;
    }

    public decimal PositionInitialMargin(TradingAccount account, string symbol)
    {
        if (!account.Positions.TryGetValue(symbol, out var p) || p.Quantity == 0) return 0;
        var market = _markets[symbol];
        return Math.Abs(p.Quantity) * market.Point.Mark * market.Spec.ContractSize / p.Leverage;
    }

    public decimal MaintenanceMargin(TradingAccount account, string symbol)
    {
        if (!account.Positions.TryGetValue(symbol, out var p) || p.Quantity == 0) return 0;
        var market = _markets[symbol];
        return Math.Abs(p.Quantity) * market.Point.Mark * market.Spec.ContractSize * market.Spec.MaintenanceMarginRate;
    }

    /// <summary>Margin held by open orders that would add to a position (reduce-only orders hold none).</summary>
    public decimal OpenOrderInitialMargin(TradingAccount account, string symbol)
    {
        var total = 0m;
        foreach (var o in _orders.Values)
        {
            if (!o.IsOpen || o.ReduceOnly || o.AccountKey != account.ApiKey || o.Symbol != symbol) continue;
            var leverage = account.Positions.TryGetValue(symbol, out var p) ? p.Leverage : DefaultLeverage;
            total += o.RemainingQuantity * o.Price * o.ContractSize / leverage;
        }
        return total;
    }

    public decimal TotalUnrealizedPnl(TradingAccount account) => account.Positions.Keys.Sum(s => UnrealizedPnl(account, s));
    public decimal TotalPositionInitialMargin(TradingAccount account) => account.Positions.Keys.Sum(s => PositionInitialMargin(account, s));
    public decimal TotalMaintenanceMargin(TradingAccount account) => account.Positions.Keys.Sum(s => MaintenanceMargin(account, s));
    public decimal TotalOpenOrderInitialMargin(TradingAccount account) => _markets.Keys.Sum(s => OpenOrderInitialMargin(account, s));

    /// <summary>Wallet + unrealized PnL − margin held by positions and open orders, never below zero.</summary>
    public decimal AvailableBalance(TradingAccount account) =>
        Math.Max(0, account.WalletBalance + TotalUnrealizedPnl(account) - TotalPositionInitialMargin(account) - TotalOpenOrderInitialMargin(account));

    /// <summary>Cross-margin liquidation price of one position: the mark at which the margin balance would equal the
    /// maintenance margin, other positions held at their current PnL and maintenance (Binance's published cross
    /// formula, single-asset, first maintenance tier). 0 when no such price exists.</summary>
    public decimal LiquidationPrice(TradingAccount account, string symbol)
    {
        if (!account.Positions.TryGetValue(symbol, out var p) || p.Quantity == 0) return 0;
        var spec = _markets[symbol].Spec;
        var otherMaintenance = TotalMaintenanceMargin(account) - MaintenanceMargin(account, symbol);
        var otherUnrealized = TotalUnrealizedPnl(account) - UnrealizedPnl(account, symbol);
        var size = Math.Abs(p.Quantity) * spec.ContractSize;
        var side = Math.Sign(p.Quantity);
        var denominator = size * spec.MaintenanceMarginRate - side * size;
        if (denominator == 0) return 0;
        var price = (account.WalletBalance - otherMaintenance + otherUnrealized - side * size * p.EntryPrice) / denominator;
        return price > 0 ? price : 0;
    }

    private static string Format(decimal value, int decimals) =>
        Math.Round(value, decimals).ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
}
