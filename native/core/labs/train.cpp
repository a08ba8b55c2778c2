// lab::TrainLab: config, the mini-batch loop, evaluation and the stop rules (see train.hpp).
#include "train.hpp"

#include <algorithm>
#include <cmath>

#include "../autograd/sum_squares.hpp"
#include "../data/read_dataset.hpp"
#include "../nn/checkpoint.hpp"
#include "../optim/registry.hpp"
#include "model_config.hpp"

namespace lab {

namespace {
constexpr std::size_t kEvalChunk = 1024;  // rows per forward pass when evaluating a whole set

Value shape_value(const std::vector<std::int64_t>& shape) {
  Value::Array dims;
  for (auto d : shape) dims.emplace_back(static_cast<double>(d));
  return Value(std::move(dims));
}
}  // namespace

TrainLab::TrainLab(const Value& config) {
  Reader r(config, "train");
  r.only({"dataset", "model", "loss", "optimizer", "batch_size", "epochs", "seed", "l2", "l1", "stop", "prediction",
          "init_weights", "save_weights", "frames", "threads", "augment"});
  const Value* dsv = r.get("dataset");
  if (dsv == nullptr) throw Error(code::invalid_config, "train.dataset: required, expected a data set name or {name, …}");
  ds_ = data::read_dataset(*dsv, "train.dataset");
  loss_ = read_loss(r.get("loss"), ds_, "train.loss");
  if (loss_ == TrainLoss::bce)
    for (std::int32_t label : ds_.labels) label_targets_.push_back(label == 1 ? 1.0f : 0.0f);
  // threads: 1 (default) this thread only; n > 1 a pool of n that convolutions split each batch over
  // (the same bits for any count); 0 all the machine's cores
  const auto threads = static_cast<unsigned>(r.number("threads", 1, Range{0, 256, false, false, true}));
  if (threads != 1) {
    pool_ = std::make_unique<ThreadPool>(threads);
    tape_.set_pool(pool_.get());
  }
  const double seed = r.number("seed", 1, Range{0, 9007199254740991.0, false, false, true});
  rng_.reseed(static_cast<std::uint64_t>(seed));
  augment_ = data::Augment(r.get("augment"), ds_, static_cast<std::uint64_t>(seed), "train.augment");
  const Value* mv = r.get("model");
  if (mv != nullptr && mv->find("layers") != nullptr) {  // a layer stack
    Reader m(*mv, "train.model");
    m.only({"layers"});
    const auto layers = nn::read_layer_list(*m.get("layers"), "train.model.layers");
    if (ds_.is_images()) input_shape_ = {ds_.image_channels, ds_.image_rows, ds_.image_cols};
    else input_shape_ = {ds_.d};
    const auto outputs = static_cast<std::int64_t>(loss_outputs(loss_, ds_));
    model_ = std::make_unique<nn::Sequential<float>>(
        nn::build_stack<float>(store_, layers, input_shape_, outputs, rng_, "train.model.layers", &stack_));
  } else {  // an MLP over the flat inputs
    nn::MlpSpec spec = read_mlp_spec(mv, ds_, "train.model");
    spec.widths.back() = loss_outputs(loss_, ds_);  // bce: one logit
    input_shape_ = {ds_.d};
    model_ = std::make_unique<nn::Sequential<float>>(nn::make_mlp<float>(store_, spec, rng_, "train.model"));
  }
  nn::load_config_weights(store_, r, "init_weights");
  save_path_ = r.string("save_weights", "");

  Value default_opt(Value::Object{{"type", "adam"}});
  const Value* ov = r.get("optimizer");
  Reader o(ov != nullptr && !ov->is_null() ? *ov : default_opt, "train.optimizer");
  opt_type_ = o.string("type", "adam");
  opt_ = optim::make_optimizer<float>(opt_type_, "train.optimizer.type");
  optim::configure(*opt_, o, {"type", "schedule"});
  schedule_ = optim::read_schedule(o.get("schedule"), "train.optimizer.schedule");
  opt_->reset(store_.size());

  // 0 = the whole training set (full-batch gradient descent)
  batch_ = static_cast<std::size_t>(r.number("batch_size", std::min<double>(32, static_cast<double>(ds_.n_train)),
                                             Range{0, static_cast<double>(ds_.n_train), false, false, true}));
  if (batch_ == 0) batch_ = ds_.n_train;
  epochs_ = static_cast<std::int64_t>(r.number("epochs", 100, Range{1, 100000, false, false, true}));
  l2_ = static_cast<float>(r.number("l2", 0, Range::non_negative()));
  l1_ = static_cast<float>(r.number("l1", 0, Range::non_negative()));
  prediction_ = PredictionGrid(r.get("prediction"), ds_, loss_, "train.prediction");
  frames_ = ImageFrames(r.get("frames"), ds_, input_shape_, "train.frames");
  if (const Value* sv = r.get("stop"); sv != nullptr && !sv->is_null()) {
    Reader s(*sv, "train.stop");
    s.only({"target_loss", "patience", "min_delta"});
    if (auto t = s.optional_number("target_loss", Range::non_negative())) {
      stop_.has_target = true;
      stop_.target_loss = *t;
    }
    stop_.patience = static_cast<int>(s.number("patience", 0, Range{0, 100000, false, false, true}));
    stop_.min_delta = s.number("min_delta", 0, Range::non_negative());
  }
  order_.resize(ds_.n_train);
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<std::uint32_t>(i);
  group_layers();
  bx_.resize(batch_ * static_cast<std::size_t>(ds_.d));
  by_.resize(batch_);
  blabels_.resize(batch_);
}

std::string TrainLab::weights_bytes() const { return nn::weights_bytes(store_); }

void TrainLab::group_layers() {
  for (const auto& e : store_.entries()) {
    const auto dot = e.name.rfind('.');
    const std::string name = dot == std::string::npos ? e.name : e.name.substr(0, dot);
    const auto begin = static_cast<std::size_t>(e.offset), end = begin + static_cast<std::size_t>(e.numel);
    if (!layers_.empty() && layers_.back().name == name && layers_.back().end == begin) layers_.back().end = end;
    else layers_.push_back({name, begin, end});
  }
}

ag::Tensor<float> TrainLab::input(const float* rows, std::size_t n) const {
  const auto b = static_cast<std::int64_t>(n);
  const ag::Shape shape = input_shape_.size() == 3 ? ag::Shape{b, input_shape_[0], input_shape_[1], input_shape_[2]}
                                                   : ag::Shape{b, input_shape_[0]};
  return ag::constant(const_cast<float*>(rows), shape);
}

double TrainLab::eval_rows(std::size_t from, std::size_t to, double* acc, std::vector<std::int64_t>* confusion) {
  const bool cls = ds_.kind == data::Kind::classification;
  const auto d = static_cast<std::size_t>(ds_.d);
  const auto K = static_cast<std::size_t>(ds_.classes);
  if (confusion != nullptr) confusion->assign(cls ? K * K : 0, 0);
  double loss_sum = 0, correct = 0;
  for (std::size_t b = from; b < to; b += kEvalChunk) {
    const std::size_t n = std::min(kEvalChunk, to - b);
    tape_.reset();
    auto out = model_->forward(tape_, input(ds_.x.data() + b * d, n));
    if (cls && confusion != nullptr) {  // predicted class: the largest logit (first of equals), or logit > 0 for bce
      const auto width = static_cast<std::size_t>(out.numel()) / n;
      for (std::size_t i = 0; i < n; ++i) {
        const float* row = out.value + i * width;
        std::size_t pred = 0;
        if (width == 1) pred = row[0] > 0 ? 1 : 0;
        else
          for (std::size_t k = 1; k < width; ++k)
            if (row[k] > row[pred]) pred = k;
        ++(*confusion)[static_cast<std::size_t>(ds_.labels[b + i]) * K + pred];
      }
    }
    float* targets = loss_ == TrainLoss::bce ? label_targets_.data() + b : cls ? nullptr : ds_.y.data() + b;
    std::int64_t right = 0;
    loss_sum += static_cast<double>(batch_loss(tape_, loss_, out, cls ? ds_.labels.data() + b : nullptr, targets, &right).value[0]) *
                static_cast<double>(n);
    correct += static_cast<double>(right);
  }
  const double n = static_cast<double>(to - from);
  *acc = cls && n > 0 ? correct / n : std::nan("");
  return n > 0 ? loss_sum / n : std::nan("");
}

EpochMetrics TrainLab::evaluate() {
  model_->eval();
  EpochMetrics m{};
  const bool has_test = ds_.n_test() > 0;
  m.train_loss = eval_rows(0, ds_.n_train, &m.train_acc, has_test ? nullptr : &confusion_);
  m.test_loss = eval_rows(ds_.n_train, ds_.size(), &m.test_acc, has_test ? &confusion_ : nullptr);
  model_->train();
  return m;
}

void TrainLab::begin(Emitter& em) {
  train_stream_ = em.declare("train", 0, {"step", "epoch", "loss", "lr"});
  epoch_stream_ = em.declare("epoch", 0, {"epoch", "step", "train_loss", "test_loss", "train_acc", "test_acc",
                                          "grad_norm", "weight_norm", "ms_per_step"});
  Value::Array layers;
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    layer_streams_.push_back(em.declare("layer", static_cast<int>(i), {"epoch", "step", "weight_norm", "grad_norm"}));
    Value::Array shapes;
    for (const auto& e : store_.entries())
      if (static_cast<std::size_t>(e.offset) >= layers_[i].begin && static_cast<std::size_t>(e.offset) < layers_[i].end) {
        Value::Array dims;
        for (int k = 0; k < e.shape.rank; ++k) dims.emplace_back(static_cast<double>(e.shape.dim[k]));
        shapes.emplace_back(Value::Object{{"name", e.name}, {"shape", Value(std::move(dims))}});
      }
    layers.emplace_back(Value::Object{{"name", layers_[i].name},
                                      {"parameters", static_cast<double>(layers_[i].end - layers_[i].begin)},
                                      {"shapes", Value(std::move(shapes))}});
  }
  Value::Array stack;
  for (const auto& l : stack_)
    stack.emplace_back(Value::Object{{"describe", l.describe}, {"output", shape_value(l.output)}, {"parameters", static_cast<double>(l.parameters)}});
  em.notice(Value(Value::Object{{"type", "model"},
                                {"layers", Value(std::move(layers))},
                                {"parameters", static_cast<double>(store_.size())},
                                {"loss", loss_name(loss_)},
                                {"describe", model_->describe()},
                                {"input", shape_value(input_shape_)},
                                {"stack", Value(std::move(stack))}}));
  em_ = &em;
  if (frames_.enabled()) em.frame(frames_.examples(ds_));
  end_epoch(em);  // epoch 0: the untrained model
  take_frame(em);
  take_image_frames(em);
}

void TrainLab::take_image_frames(Emitter& em) {
  if (!frames_.enabled()) return;
  model_->eval();
  em.frame(frames_.filters(store_, step_));
  em.frame(frames_.features(ds_, *model_, tape_, step_));
  model_->train();
}

bool TrainLab::step(Emitter& em) {
  if (status_ != "running") return false;
  const auto step_t0 = std::chrono::steady_clock::now();
  const bool cls = ds_.kind == data::Kind::classification;
  const auto d = static_cast<std::size_t>(ds_.d);
  if (cursor_ == 0) {  // a new epoch: shuffle the visiting order (Fisher–Yates with the run's Rng)
    ++epoch_;
    epoch_loss_sum_ = 0;
    epoch_batches_ = 0;
    for (std::size_t i = order_.size(); i > 1; --i) {
      const auto j = static_cast<std::size_t>(rng_.next_u64() % i);
      std::swap(order_[i - 1], order_[j]);
    }
  }
  const std::size_t b = std::min(batch_, order_.size() - cursor_);
  for (std::size_t k = 0; k < b; ++k) {
    const std::size_t row = order_[cursor_ + k];
    if (augment_.active()) augment_.apply(ds_.x.data() + row * d, bx_.data() + k * d);
    else std::copy_n(ds_.x.data() + row * d, d, bx_.data() + k * d);
    if (cls) blabels_[k] = ds_.labels[row];
    by_[k] = loss_ == TrainLoss::bce ? label_targets_[row] : cls ? 0.0f : ds_.y[row];
  }
  tape_.reset();
  store_.zero_grad();
  auto out = model_->forward(tape_, input(bx_.data(), b));
  ag::Tensor<float> loss = batch_loss(tape_, loss_, out, cls ? blabels_.data() : nullptr, by_.data(), nullptr);
  if (l2_ > 0) loss = ag::add(tape_, loss, ag::l2_penalty(tape_, store_.all(), l2_));
  if (l1_ > 0) loss = ag::add(tape_, loss, ag::l1_penalty(tape_, store_.all(), l1_));
  const double lv = loss.value[0];
  const double lr = opt_->get("lr") * schedule_.factor(step_ + 1);
  ++step_;
  if (!std::isfinite(lv)) {
    status_ = "diverged";
    double row[4] = {static_cast<double>(step_), static_cast<double>(epoch_), lv, lr};
    em.push(train_stream_, row);
    em.notice(Value(Value::Object{{"type", "train_status"}, {"status", status_}, {"step", static_cast<double>(step_)},
                                  {"reason", "the loss became NaN or infinite"}}));
    take_frame(em);
    return false;
  }
  tape_.backward(loss);
  double g2 = 0;
  for (auto& layer : layers_) {
    const double l2 = ag::sum_squares(store_.grads() + layer.begin, layer.end - layer.begin);
    layer.grad_norm_sum += std::sqrt(l2);
    g2 += l2;
  }
  grad_norm_sum_ += std::sqrt(g2);
  opt_->step(store_.values(), store_.grads(), lr, pool_.get());
  double row[4] = {static_cast<double>(step_), static_cast<double>(epoch_), lv, lr};
  em.push(train_stream_, row);
  epoch_loss_sum_ += lv;
  ++epoch_batches_;
  // compute time only: the session's pacing between steps (the display speed) and evaluation are not
  // part of it, so ms_per_step says how long a step takes, not how fast the run is shown
  epoch_compute_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - step_t0).count();
  cursor_ += b;
  if (cursor_ >= order_.size()) {
    cursor_ = 0;
    end_epoch(em);
  }
  const auto now = std::chrono::steady_clock::now();
  if (status_ != "running" || prediction_.due(now)) take_frame(em);
  if (status_ != "running" || frames_.due(now)) take_image_frames(em);
  return status_ == "running";
}

void TrainLab::end_epoch(Emitter& em) {
  const double ms = epoch_compute_ms_;
  epoch_compute_ms_ = 0;
  const EpochMetrics m = evaluate();
  history_.push_back(m);
  const double steps = static_cast<double>(epoch_batches_);
  const double nan = std::nan("");
  double w2 = 0;
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    LayerSpan& layer = layers_[i];
    const double l2 = ag::sum_squares(store_.values() + layer.begin, layer.end - layer.begin);
    w2 += l2;
    double lrow[4] = {static_cast<double>(epoch_), static_cast<double>(step_), std::sqrt(l2),
                      steps > 0 ? layer.grad_norm_sum / steps : nan};
    em.push(layer_streams_[i], lrow);
    layer.grad_norm_sum = 0;
  }
  double row[9] = {static_cast<double>(epoch_), static_cast<double>(step_), m.train_loss, m.test_loss, m.train_acc, m.test_acc,
                   steps > 0 ? grad_norm_sum_ / steps : nan, std::sqrt(w2), steps > 0 ? ms / steps : nan};
  em.push(epoch_stream_, row);
  grad_norm_sum_ = 0;
  if (frames_.enabled()) {
    em.frame(frames_.confusion(confusion_, step_, epoch_));
    model_->eval();
    em.frame(frames_.evaluation(ds_, *model_, tape_, step_, epoch_));
    model_->train();
  }
  if (epoch_ == 0) return;  // the untrained model: no stop rule applies yet

  std::string reason;
  if (!std::isfinite(m.train_loss)) {
    status_ = "diverged";
    reason = "the training loss became NaN or infinite";
  } else if (stop_.has_target && m.train_loss <= stop_.target_loss) {
    status_ = "reached_target";
  } else if (stop_.patience > 0 && ds_.n_test() > 0) {
    if (m.test_loss < best_test_ - stop_.min_delta) {
      best_test_ = m.test_loss;
      since_best_ = 0;
    } else if (++since_best_ >= stop_.patience) {
      status_ = "early_stopped";
    }
  }
  if (status_ == "running" && epoch_ >= epochs_) status_ = "completed";
  if (status_ != "running") {
    Value::Object n{{"type", "train_status"}, {"status", status_}, {"step", static_cast<double>(step_)}, {"epoch", static_cast<double>(epoch_)}};
    if (!reason.empty()) n["reason"] = reason;
    em.notice(Value(std::move(n)));
  }
}

void TrainLab::take_frame(Emitter& em) {
  if (!prediction_.enabled() || prediction_.last_step() == step_) return;
  model_->eval();
  em.frame(prediction_.take(*model_, tape_, step_, epoch_));
  model_->train();
}

void TrainLab::validate_update(const Value& update) const {
  Reader u(update, "update");
  u.only({"set", "steps_per_second", "probe", "epochs"});
  if (const Value* p = u.get("probe")) frames_.check_probe(*p, "update.probe");
  u.number("epochs", 1, Range{1, 100000, false, false, true});
  if (const Value* s = u.get("set")) {
    auto scratch = optim::make_optimizer<float>(opt_type_);
    optim::configure(*scratch, Reader(*s, "update.set"), {});
  }
}

void TrainLab::apply_update(const Value& update) {
  if (const Value* s = update.find("set")) optim::configure(*opt_, Reader(*s, "update.set"), {});
  // a new budget ("continue for N more epochs"): never below the epoch under way, which ends the run
  // when it ends; the learning-rate schedule keeps the length it was given
  if (const Value* e = update.find("epochs")) epochs_ = std::max(static_cast<std::int64_t>(e->as_number()), std::max<std::int64_t>(epoch_, 1));
  if (const Value* p = update.find("probe"); p != nullptr && em_ != nullptr) {
    frames_.set_probe(*p);
    take_image_frames(*em_);  // the kernels too, so both show the same weights
  }
}

Frame TrainLab::probe(const Value& probe) {
  frames_.check_probe(probe, "probe");
  frames_.set_probe(probe);
  model_->eval();
  Frame f = frames_.features(ds_, *model_, tape_, step_);
  model_->train();
  return f;
}

Value TrainLab::summary(const std::string& status, double elapsed_ms, double compute_ms) const {
  if (!save_path_.empty()) nn::save_weights(store_, save_path_);
  const EpochMetrics& m = history_.back();
  const std::string st = status == "stopped" && status_ == "running" ? "stopped" : status_;
  Value::Object hypers;
  for (const auto& p : opt_->hypers()) hypers[p.name] = p.is_bool ? Value(opt_->get(p.name) != 0) : Value(opt_->get(p.name));
  Value::Array confusion;
  const auto K = static_cast<std::size_t>(ds_.classes);
  for (std::size_t t = 0; t < K && !confusion_.empty(); ++t) {
    Value::Array row;
    for (std::size_t p = 0; p < K; ++p) row.emplace_back(static_cast<double>(confusion_[t * K + p]));
    confusion.emplace_back(std::move(row));
  }
  return Value(Value::Object{{"status", st},
                             {"classes", static_cast<double>(ds_.classes)},
                             {"confusion", confusion.empty() ? Value() : Value(std::move(confusion))},
                             {"steps", static_cast<double>(step_)},
                             {"epochs", static_cast<double>(epoch_)},
                             {"parameters", static_cast<double>(store_.size())},
                             {"loss", loss_name(loss_)},
                             {"batch_size", static_cast<double>(batch_)},
                             {"train_rows", static_cast<double>(ds_.n_train)},
                             {"elapsed_ms", elapsed_ms},
                             {"compute_ms", compute_ms},
                             {"ms_per_step", step_ > 0 ? compute_ms / static_cast<double>(step_) : 0.0},
                             {"optimizer", Value(Value::Object{{"type", opt_type_}, {"hypers", Value(std::move(hypers))}})},
                             {"final", Value(Value::Object{{"train_loss", m.train_loss},
                                                           {"test_loss", m.test_loss},
                                                           {"train_acc", m.train_acc},
                                                           {"test_acc", m.test_acc}})}});
}

}  // namespace lab
