// save_weights / load_weights (see checkpoint.hpp for the format).
#include "checkpoint.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "../error.hpp"

namespace lab::nn {

static_assert(std::endian::native == std::endian::little, "the weights format is little-endian");

namespace {

constexpr char kMagic[8] = {'G', 'L', 'A', 'B', 'W', 'T', 'S', '\0'};

template <class V>
void put(std::string& out, V v) {
  char b[sizeof(V)];
  std::memcpy(b, &v, sizeof(V));
  out.append(b, sizeof(V));
}

// Reads from a byte buffer; every read past the end is a "truncated" error naming the file.
class Cursor {
 public:
  Cursor(const std::string& bytes, const std::string& path) : b_(bytes), path_(path) {}
  template <class V>
  V get(const char* what) {
    need(sizeof(V), what);
    V v;
    std::memcpy(&v, b_.data() + pos_, sizeof(V));
    pos_ += sizeof(V);
    return v;
  }
  std::string text(std::size_t n, const char* what) {
    need(n, what);
    std::string s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  const char* here() const { return b_.data() + pos_; }
  void need(std::size_t n, const char* what) const {
    if (b_.size() - pos_ < n) fail(std::string("the file ends early (in ") + what + ")");
  }
  void skip(std::size_t n) { pos_ += n; }
  bool at_end() const { return pos_ == b_.size(); }
  [[noreturn]] void fail(const std::string& why) const { throw Error(code::invalid_config, path_ + ": not loaded: " + why); }

 private:
  const std::string& b_;
  const std::string& path_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string weights_bytes(const ag::ParamStore<float>& store) { return weights_bytes({NamedStore{"", &store}}); }

std::string weights_bytes(std::initializer_list<NamedStore> named) {
  std::string out(kMagic, sizeof kMagic);
  put<std::uint32_t>(out, kWeightsVersion);
  std::size_t entries = 0, values = 0;
  for (const auto& [prefix, store] : named) {
    entries += store->entries().size() + store->buffer_entries().size();
    values += store->size() + store->buffer_size();
  }
  put<std::uint32_t>(out, static_cast<std::uint32_t>(entries));
  for (const bool buffers : {false, true})  // the parameters of every store, then the buffers (as the values)
    for (const auto& [prefix, store] : named)
      for (const auto& e : buffers ? store->buffer_entries() : store->entries()) {
        const std::string name = prefix + e.name;
        put<std::uint32_t>(out, static_cast<std::uint32_t>(name.size()));
        out += name;
        put<std::uint32_t>(out, static_cast<std::uint32_t>(e.shape.rank));
        for (int d = 0; d < e.shape.rank; ++d) put<std::int64_t>(out, e.shape.dim[d]);
      }
  put<std::uint64_t>(out, values);
  for (const auto& [prefix, store] : named) {  // the parameters, then the buffers (an empty slab has no data pointer: memcpy of nullptr is undefined even for 0 bytes)
    if (store->size() > 0) out.append(reinterpret_cast<const char*>(store->values()), store->size() * sizeof(float));
  }
  for (const auto& [prefix, store] : named) {
    if (store->buffer_size() > 0) out.append(reinterpret_cast<const char*>(store->buffer_values()), store->buffer_size() * sizeof(float));
  }
  return out;
}

void load_named_weights_bytes(std::initializer_list<NamedTarget> named, const std::string& bytes, const std::string& path) {
  Cursor c(bytes, path);
  if (c.text(sizeof kMagic, "the header") != std::string(kMagic, sizeof kMagic)) c.fail("not a Gradient Lab weights file");
  const auto version = c.get<std::uint32_t>("the header");
  const auto count = c.get<std::uint32_t>("the header");
  struct Entry {
    std::string name, shape_bytes;
    std::uint64_t values = 0, at = 0;
  };
  std::vector<Entry> entries(count);
  for (auto& e : entries) {
    const auto len = c.get<std::uint32_t>("a parameter name");
    e.name = c.text(len, "a parameter name");
    const auto rank = c.get<std::uint32_t>("a shape");
    if (rank > 4) c.fail("parameter \"" + e.name + "\" has rank " + std::to_string(rank));
    e.values = 1;
    std::string shape(reinterpret_cast<const char*>(&rank), sizeof rank);
    for (std::uint32_t d = 0; d < rank; ++d) {
      const auto dim = c.get<std::int64_t>("a shape");
      if (dim < 0) c.fail("parameter \"" + e.name + "\" has a negative dimension");
      e.values *= static_cast<std::uint64_t>(dim);
      shape.append(reinterpret_cast<const char*>(&dim), sizeof dim);
    }
    e.shape_bytes = shape;
  }
  const auto n = c.get<std::uint64_t>("the values");
  std::uint64_t at = 0;
  for (auto& e : entries) e.at = at, at += e.values;
  if (at != n) c.fail("its entries hold " + std::to_string(at) + " values, its count says " + std::to_string(n));
  c.need(n * sizeof(float), "the values");
  const char* values = c.here();
  auto prefixed = [](const std::string& name, const char* prefix) { return name.rfind(prefix, 0) == 0; };
  bool any = false;
  for (const auto& e : entries)
    for (const auto& [prefix, store] : named) any = any || prefixed(e.name, prefix);
  if (!any) {  // one net's file: the first store's
    load_weights_bytes(*named.begin()->store, bytes, path);
    return;
  }
  // each store from its own entries, as a file of its own (every check of load_weights_bytes applies);
  // nothing is changed unless every store's part checks out
  std::vector<std::string> parts;
  for (const auto& [prefix, store] : named) {
    std::string part(kMagic, sizeof kMagic);
    put<std::uint32_t>(part, version);
    std::uint32_t k = 0;
    std::uint64_t total = 0;
    for (const auto& e : entries)
      if (prefixed(e.name, prefix)) ++k, total += e.values;
    put<std::uint32_t>(part, k);
    for (const auto& e : entries)
      if (prefixed(e.name, prefix)) {
        const std::string stripped = e.name.substr(std::char_traits<char>::length(prefix));
        put<std::uint32_t>(part, static_cast<std::uint32_t>(stripped.size()));
        part += stripped;
        part += e.shape_bytes;
      }
    put<std::uint64_t>(part, total);
    for (const auto& e : entries)
      if (prefixed(e.name, prefix)) part.append(values + e.at * sizeof(float), e.values * sizeof(float));
    parts.push_back(std::move(part));
  }
  std::vector<ag::ParamStore<float>> trial;
  trial.reserve(named.size());
  std::size_t i = 0;
  for (const auto& [prefix, store] : named) {  // checked on copies first
    trial.push_back(*store);
    load_weights_bytes(trial.back(), parts[i++], path + " (" + std::string(prefix) + "*)");
  }
  i = 0;
  for (const auto& [prefix, store] : named) load_weights_bytes(*store, parts[i++], path);
}

void save_weights(const ag::ParamStore<float>& store, const std::string& path) {
  const std::string out = weights_bytes(store);
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(out.data(), static_cast<std::streamsize>(out.size()));
  f.close();
  if (!f) throw Error(code::invalid_config, path + ": cannot write the weights file");
}

void load_weights(ag::ParamStore<float>& store, const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error(code::invalid_config, path + ": cannot open the weights file");
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  load_weights_bytes(store, bytes, path);
}

void load_weights_bytes(ag::ParamStore<float>& store, const std::string& bytes, const std::string& path) {
  Cursor c(bytes, path);
  if (c.text(sizeof kMagic, "the header") != std::string(kMagic, sizeof kMagic)) c.fail("not a Gradient Lab weights file");
  const auto version = c.get<std::uint32_t>("the header");
  if (version > kWeightsVersion)
    c.fail("format version " + std::to_string(version) + " is newer than this Gradient Lab reads (" + std::to_string(kWeightsVersion) + "); update the app");
  if (version != kWeightsVersion) c.fail("unknown format version " + std::to_string(version));
  const auto count = c.get<std::uint32_t>("the header");
  const std::size_t entries = store.entries().size() + store.buffer_entries().size();
  if (count != entries)
    c.fail("it holds " + std::to_string(count) + " parameters and buffers, the model has " + std::to_string(entries) +
           (store.buffer_entries().empty() ? "" : " (batch norm's running statistics count as buffers)"));
  std::vector<ag::ParamStore<float>::Entry> expected = store.entries();
  expected.insert(expected.end(), store.buffer_entries().begin(), store.buffer_entries().end());
  for (const auto& e : expected) {
    const auto len = c.get<std::uint32_t>("a parameter name");
    const std::string name = c.text(len, "a parameter name");
    const auto rank = c.get<std::uint32_t>("a shape");
    if (rank > 4) c.fail("parameter \"" + name + "\" has rank " + std::to_string(rank));
    ag::Shape shape;
    shape.rank = static_cast<int>(rank);
    for (std::uint32_t d = 0; d < rank; ++d) shape.dim[d] = c.get<std::int64_t>("a shape");
    if (name != e.name || !(shape == e.shape))
      c.fail("parameter \"" + name + "\" " + shape.str() + " does not match the model's \"" + e.name + "\" " + e.shape.str() +
             " (a different architecture?)");
  }
  const auto n = c.get<std::uint64_t>("the values");
  const std::size_t values = store.size() + store.buffer_size();
  if (n != values) c.fail("it holds " + std::to_string(n) + " values, the model has " + std::to_string(values));
  c.need(n * sizeof(float), "the values");
  const char* src = c.here();
  c.skip(n * sizeof(float));
  if (!c.at_end()) c.fail("unexpected bytes after the values");
  // only now, when everything checked out: the parameters, then the buffers
  if (store.size() > 0) std::memcpy(store.values(), src, store.size() * sizeof(float));
  if (store.buffer_size() > 0) std::memcpy(store.buffer_values(), src + store.size() * sizeof(float), store.buffer_size() * sizeof(float));
}

void load_config_weights(ag::ParamStore<float>& store, const Reader& r, const std::string& key) {
  load_config_weights({NamedTarget{"", &store}}, r, key);
}

void load_config_weights(std::initializer_list<NamedTarget> stores, const Reader& r, const std::string& key) {
  const Value* w = r.get(key);
  if (w == nullptr || w->is_null()) return;
  std::string bytes, name;
  if (w->kind() == Value::Kind::Bytes) {
    const auto& b = w->as_bytes();
    bytes.assign(b.begin(), b.end());
    name = r.field_path(key);
  } else {
    if (w->kind() != Value::Kind::String) r.fail(key, *w, "the path of a weights file, or its bytes");
    name = w->as_string();
    std::ifstream f(name, std::ios::binary);
    if (!f) throw Error(code::invalid_config, name + ": cannot open the weights file");
    bytes.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  }
  if (stores.size() == 1 && *stores.begin()->prefix == '\0') load_weights_bytes(*stores.begin()->store, bytes, name);
  else load_named_weights_bytes(stores, bytes, name);
}

}  // namespace lab::nn
