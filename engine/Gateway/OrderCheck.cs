using FundingArb.Decision;
using FundingArb.Market;

namespace FundingArb.Gateway;

/// <summary>The instrument rules every order must meet before it is sent (tick, lot step, minimum quantity and
/// notional, from the venue's metadata via <see cref="TradingRules"/>). A venue would refuse such an order anyway;
/// refusing it here costs no round trip and no rate-limit weight. Allocates nothing.</summary>
public static class OrderCheck
{
    public static ExecutionError Validate(in OrderRequest order, in TradingRules rules)
    {
        if (order.ClientOrderId.IsEmpty) return ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "order has no client order id"u8);
        if (order.Side is not (OrderSide.Buy or OrderSide.Sell)) return ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "order has no side"u8);
        if (!rules.CanTrade)
            return ExecutionError.Local(ExecutionErrorKind.InvalidRequest, "instrument has no complete trading rules (tick, lot step) or is not trading"u8);
        if (!order.Quantity.IsPositive) return ExecutionError.Local(ExecutionErrorKind.InvalidQuantity, "quantity is not positive"u8);
        var baseRaw = (Int128)order.Quantity.Raw * rules.ContractSize.Raw;
        if (baseRaw % Quantity.One != 0 || baseRaw / Quantity.One % rules.LotStepBase.Raw != 0)
            return ExecutionError.Local(ExecutionErrorKind.InvalidQuantity, "quantity is not a multiple of the lot step"u8);
        var baseQuantity = new Quantity((long)(baseRaw / Quantity.One));
        if (baseQuantity < rules.MinQuantityBase) return ExecutionError.Local(ExecutionErrorKind.InvalidQuantity, "quantity is below the instrument's minimum"u8);
        if (order.Kind == OrderKind.Market) return default; // no price to check; the venue checks notional against its mark
        if (!order.LimitPrice.IsPositive) return ExecutionError.Local(ExecutionErrorKind.InvalidPrice, "limit price is not positive"u8);
        if (order.LimitPrice.Raw % rules.TickSize.Raw != 0) return ExecutionError.Local(ExecutionErrorKind.InvalidPrice, "limit price is not on the tick"u8);
        // Venues waive the minimum notional for reduce-only orders (Binance -4164 "unless you choose reduce only").
        if (!order.ReduceOnly && rules.MinNotional > 0 && baseQuantity.NotionalAt(order.LimitPrice) < rules.MinNotional)
            return ExecutionError.Local(ExecutionErrorKind.NotionalTooSmall, "order value is below the instrument's minimum notional"u8);
        return default;
    }
}
