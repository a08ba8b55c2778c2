// Layer lists: reading, shape inference and building (see layer_stack.hpp).
#include "layer_stack.hpp"

#include <memory>

#include "../error.hpp"
#include "activation.hpp"
#include "batch_norm.hpp"
#include "conv.hpp"
#include "layers.hpp"
#include "linear.hpp"

namespace lab::nn {

namespace {

using i64 = std::int64_t;
using Shape = std::vector<i64>;

constexpr std::size_t kMaxLayers = 64;
constexpr i64 kMaxParameters = 100'000'000;
constexpr i64 kMaxValues = i64{1} << 24;  // values per example after any layer

const Range kChannels{1, 1024, false, false, true};
const Range kFeatures{1, 65536, false, false, true};
const Range kKernel{1, 64, false, false, true};
const Range kStride{1, 64, false, false, true};
const Range kPad{0, 64, false, false, true};
const Range kSide{1, 4096, false, false, true};
const Range kFactor{1, 8, false, false, true};

bool is_activation(const std::string& type) {
  for (Activation a : all_activations())
    if (type == activation_name(a)) return true;
  return false;
}

std::string known_types() {
  std::string s = "conv, maxpool, avgpool, flatten, reshape, upsample, linear, dropout, batchnorm";
  for (Activation a : all_activations()) s += std::string(", ") + activation_name(a);
  return s;
}

LayerSpec read_layer(const Value& v, const std::string& path) {
  LayerSpec s;
  if (v.kind() == Value::Kind::String) {
    s.type = v.as_string();
    if (s.type == "conv" || s.type == "maxpool" || s.type == "avgpool" || s.type == "dropout" || s.type == "reshape")
      throw Error(code::invalid_config, path + ": \"" + s.type + "\" needs its settings, e.g. " +
                                            (s.type == "conv"      ? "{type: \"conv\", out: 8, kernel: 3}"
                                             : s.type == "dropout" ? "{type: \"dropout\", p: 0.5}"
                                             : s.type == "reshape" ? "{type: \"reshape\", channels: 32, height: 7, width: 7}"
                                                                   : "{type: \"" + s.type + "\", kernel: 2}"));
    if (s.type == "upsample") {
      s.factor = 2;
      return s;
    }
    if (s.type != "flatten" && s.type != "linear" && s.type != "batchnorm" && !is_activation(s.type))
      throw Error(code::invalid_config, path + ": unknown layer \"" + s.type + "\"; expected one of: " + known_types());
    return s;
  }
  if (v.kind() != Value::Kind::Object)
    throw Error(code::invalid_config, path + ": expected a layer ({type: …} or a type name), got " + v.describe());
  const Reader r(v, path);
  s.type = r.string("type");
  if (s.type == "conv") {
    r.only({"type", "out", "kernel", "stride", "pad"});
    s.out = static_cast<i64>(r.number("out", kChannels));
    s.kernel = static_cast<i64>(r.number("kernel", kKernel));
    s.stride = static_cast<i64>(r.number("stride", 1, kStride));
    s.pad = static_cast<i64>(r.number("pad", 0, kPad));
  } else if (s.type == "maxpool" || s.type == "avgpool") {
    r.only({"type", "kernel", "stride"});
    s.kernel = static_cast<i64>(r.number("kernel", kKernel));
    s.stride = static_cast<i64>(r.number("stride", static_cast<double>(s.kernel), kStride));
  } else if (s.type == "reshape") {
    r.only({"type", "channels", "height", "width"});
    s.out = static_cast<i64>(r.number("channels", kChannels));
    s.height = static_cast<i64>(r.number("height", kSide));
    s.width = static_cast<i64>(r.number("width", kSide));
  } else if (s.type == "upsample") {
    r.only({"type", "factor"});
    s.factor = static_cast<i64>(r.number("factor", 2, kFactor));
  } else if (s.type == "linear") {
    r.only({"type", "out"});
    s.out = static_cast<i64>(r.number("out", 0, kFeatures));
    if (r.get("out") != nullptr && s.out == 0) r.fail("out", *r.get("out"), kFeatures.describe());
  } else if (s.type == "dropout") {
    r.only({"type", "p"});
    s.p = r.number("p", Range{0, 1, false, true});
  } else if (s.type == "batchnorm") {
    r.only({"type", "momentum", "eps"});
    s.momentum = r.number("momentum", 0.1, Range{0, 1});
    s.eps = r.number("eps", 1e-5, Range{0, 1, true, false});
  } else if (s.type == "leaky_relu") {
    r.only({"type", "alpha"});
    s.alpha = r.number("alpha", 0.01, Range::non_negative());
  } else if (s.type == "flatten" || is_activation(s.type)) {
    r.only({"type"});
  } else {
    r.fail("type", *r.get("type"), "a layer type, one of: " + known_types());
  }
  return s;
}

std::string square(i64 k) { return std::to_string(k) + "×" + std::to_string(k); }

// The layer's description for its input shape (conv names its input channels).
std::string describe_layer(const LayerSpec& s, const Shape& in, i64 out_features) {
  if (s.type == "conv")
    return "conv " + (in.size() == 3 ? std::to_string(in[0]) : std::string("?")) + "→" + std::to_string(s.out) + " " +
           square(s.kernel) + " stride " + std::to_string(s.stride) + " pad " + std::to_string(s.pad);
  if (s.type == "maxpool" || s.type == "avgpool")
    return std::string(s.type == "maxpool" ? "max" : "avg") + "-pool " + square(s.kernel) + " stride " + std::to_string(s.stride);
  if (s.type == "reshape")
    return "reshape to [" + std::to_string(s.out) + ", " + std::to_string(s.height) + ", " + std::to_string(s.width) + "]";
  if (s.type == "upsample") return "upsample ×" + std::to_string(s.factor);
  if (s.type == "linear")
    return "linear " + (in.size() == 1 ? std::to_string(in[0]) : std::string("?")) + "→" +
           (out_features > 0 ? std::to_string(out_features) : std::string("?"));
  if (s.type == "dropout") return "dropout p=" + format_number(s.p);
  if (s.type == "batchnorm") return "batch norm " + (in.empty() ? std::string("?") : std::to_string(in[0]));
  if (s.type == "leaky_relu") return "leaky_relu α=" + format_number(s.alpha);
  return s.type;
}

i64 numel(const Shape& s) {
  i64 n = 1;
  for (i64 d : s) n *= d;
  return n;
}

}  // namespace

std::string shape_text(const Shape& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::vector<LayerSpec> read_layer_list(const Value& layers, const std::string& path) {
  if (layers.kind() != Value::Kind::Array)
    throw Error(code::invalid_config, path + ": expected an array of layers, got " + layers.describe());
  const auto& items = layers.as_array();
  if (items.empty()) throw Error(code::invalid_config, path + ": expected at least one layer, got an empty list");
  if (items.size() > kMaxLayers)
    throw Error(code::invalid_config, path + ": expected at most " + std::to_string(kMaxLayers) + " layers, got " +
                                          std::to_string(items.size()));
  std::vector<LayerSpec> out;
  for (std::size_t i = 0; i < items.size(); ++i) out.push_back(read_layer(items[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

std::vector<LayerShape> infer_shapes(const std::vector<LayerSpec>& layers, const Shape& input, i64 outputs,
                                     const std::string& path) {
  std::vector<LayerShape> shapes;
  Shape cur = input;
  i64 total = 0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const LayerSpec& s = layers[i];
    const bool last = i + 1 == layers.size();
    const i64 out_features = s.type == "linear" ? (s.out > 0 ? s.out : outputs) : 0;
    const std::string describe = describe_layer(s, cur, out_features);
    const std::string where = path + "[" + std::to_string(i) + "] (" + describe + ")";
    auto fail = [&](const std::string& what) { throw Error(code::invalid_config, where + ": " + what); };
    LayerShape ls{describe, {}, 0};
    if (s.type == "conv" || s.type == "maxpool" || s.type == "avgpool") {
      if (cur.size() != 3)
        fail("expects feature maps [channels, height, width], got " + shape_text(cur) +
             (cur.size() == 1 ? " (flat features: a conv or pool layer needs an image set, or must come before flatten)" : ""));
      const i64 pad = s.type == "conv" ? s.pad : 0;
      const i64 h = cur[1] + 2 * pad, w = cur[2] + 2 * pad;
      if (h < s.kernel || w < s.kernel)
        fail("a " + square(s.kernel) + " window does not fit its input " + shape_text(cur) +
             (pad > 0 ? " padded by " + std::to_string(pad) : "") + ": the stack shrinks to nothing");
      const i64 ho = (h - s.kernel) / s.stride + 1, wo = (w - s.kernel) / s.stride + 1;
      if (s.type == "conv") {
        ls.output = {s.out, ho, wo};
        ls.parameters = s.out * cur[0] * s.kernel * s.kernel + s.out;
      } else {
        ls.output = {cur[0], ho, wo};
      }
    } else if (s.type == "flatten") {
      ls.output = {numel(cur)};
    } else if (s.type == "reshape") {
      if (cur.size() != 1) fail("expects flat features, got feature maps " + shape_text(cur) + " (reshape makes feature maps of flat features)");
      if (cur[0] != s.out * s.height * s.width)
        fail("its input has " + std::to_string(cur[0]) + " features, but [" + std::to_string(s.out) + ", " + std::to_string(s.height) +
             ", " + std::to_string(s.width) + "] holds " + std::to_string(s.out * s.height * s.width));
      ls.output = {s.out, s.height, s.width};
    } else if (s.type == "upsample") {
      if (cur.size() != 3) fail("expects feature maps [channels, height, width], got " + shape_text(cur) + " (add reshape before it)");
      ls.output = {cur[0], cur[1] * s.factor, cur[2] * s.factor};
    } else if (s.type == "batchnorm") {
      ls.output = cur;  // per channel of feature maps, per feature of flat ones
      ls.parameters = 2 * cur[0];
    } else if (s.type == "linear") {
      if (cur.size() != 1) fail("expects flat features, got feature maps " + shape_text(cur) + "; add flatten before it");
      if (s.out == 0 && (!last || outputs == kAnyOutputs))
        fail(outputs == kAnyOutputs ? std::string("needs out (its width)")
                                    : "needs out (its width); only the last layer may leave it out, to get the data set's " + std::to_string(outputs) + " outputs");
      ls.output = {out_features};
      ls.parameters = cur[0] * out_features + out_features;
    } else {
      ls.output = cur;
    }
    if (numel(ls.output) > kMaxValues)
      fail("its output " + shape_text(ls.output) + " has more than " + std::to_string(kMaxValues) + " values per example");
    total += ls.parameters;
    if (total > kMaxParameters)
      fail("the stack has " + std::to_string(total) + " parameters up to here, at most " + std::to_string(kMaxParameters));
    cur = ls.output;
    shapes.push_back(std::move(ls));
  }
  if (outputs == kAnyOutputs && cur.size() != 1) {
    throw Error(code::invalid_config, path + "[" + std::to_string(layers.size() - 1) + "] (" + shapes.back().describe + "): the output is " +
                                          shape_text(cur) + ", expected flat features; end with flatten or a linear layer");
  }
  if (outputs != kAnyOutputs && (cur.size() != 1 || cur[0] != outputs)) {
    const std::string describe = shapes.back().describe;
    throw Error(code::invalid_config, path + "[" + std::to_string(layers.size() - 1) + "] (" + describe + "): the model's output is " +
                                          shape_text(cur) + ", expected [" + std::to_string(outputs) +
                                          "] (the data set's outputs); end with a linear layer" +
                                          (cur.size() == 1 ? "" : " after flatten"));
  }
  return shapes;
}

template <class T>
Sequential<T> build_stack(ag::ParamStore<T>& store, const std::vector<LayerSpec>& layers, const Shape& input, i64 outputs,
                          Rng& rng, const std::string& path, std::vector<LayerShape>* shapes_out, const std::string& prefix) {
  const std::vector<LayerShape> shapes = infer_shapes(layers, input, outputs, path);
  if (shapes_out != nullptr) *shapes_out = shapes;
  // The init of a weighted layer: for the first activation after it, before the next weighted layer.
  auto init_after = [&](std::size_t i) {
    for (std::size_t j = i + 1; j < layers.size(); ++j) {
      if (layers[j].type == "conv" || layers[j].type == "linear") break;
      if (is_activation(layers[j].type)) return init_for(parse_activation(layers[j].type, path), layers[j].alpha);
    }
    return init_for(Activation::identity, 0);
  };
  std::vector<std::unique_ptr<Module<T>>> modules(layers.size());
  Shape cur = input;
  for (std::size_t i = 0; i < layers.size(); ++i) {  // weights first, in layer order
    const LayerSpec& s = layers[i];
    const std::string name = prefix + "." + std::to_string(i);
    if (s.type == "conv")
      modules[i] = std::make_unique<Conv2d<T>>(store, name, Conv2dSpec{cur[0], s.out, s.kernel, s.stride, s.pad}, init_after(i), rng);
    else if (s.type == "linear")
      modules[i] = std::make_unique<Linear<T>>(store, name, cur[0], shapes[i].output[0], init_after(i), rng);
    else if (s.type == "batchnorm")
      modules[i] = std::make_unique<BatchNorm<T>>(store, name, cur[0], s.momentum, s.eps);
    cur = shapes[i].output;
  }
  Sequential<T> net;
  for (std::size_t i = 0; i < layers.size(); ++i) {  // then the dropout seeds
    const LayerSpec& s = layers[i];
    const std::string where = path + "[" + std::to_string(i) + "]";
    if (modules[i]) net.add(std::move(modules[i]));
    else if (s.type == "maxpool" || s.type == "avgpool")
      net.add(std::make_unique<Pool2d<T>>(s.type == "maxpool" ? PoolKind::max : PoolKind::avg, s.kernel, s.stride, where));
    else if (s.type == "flatten") net.template emplace<Flatten<T>>();
    else if (s.type == "reshape") net.template emplace<Unflatten<T>>(s.out, s.height, s.width);
    else if (s.type == "upsample") net.template emplace<Upsample<T>>(s.factor);
    else if (s.type == "dropout") net.template emplace<Dropout<T>>(s.p, rng.next_u64(), where);
    else net.template emplace<ActivationLayer<T>>(parse_activation(s.type, where), s.alpha);
  }
  return net;
}

template Sequential<float> build_stack<float>(ag::ParamStore<float>&, const std::vector<LayerSpec>&, const Shape&, i64, Rng&,
                                              const std::string&, std::vector<LayerShape>*, const std::string&);
template Sequential<double> build_stack<double>(ag::ParamStore<double>&, const std::vector<LayerSpec>&, const Shape&, i64, Rng&,
                                                const std::string&, std::vector<LayerShape>*, const std::string&);

}  // namespace lab::nn
