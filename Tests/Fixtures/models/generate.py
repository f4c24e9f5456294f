"""Agreement fixtures for Tests/TapeModelsTests/AgreementTests.swift.

Fits the same data with the same parameters and seeds through the Python bindings of
the libraries Tape calls (xgboost; scikit-learn's LogisticRegression(solver="liblinear"),
LinearSVC, LinearSVR and SVC, which wrap LIBLINEAR and LIBSVM) and writes their
predictions at full precision. Run by hand (never in CI) with the pinned versions of
README.md:

    python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
    .venv/bin/python generate.py

Writes data.csv (the rows, split into train and test) and one CSV of predictions per
model, in this folder.
"""
import csv
import numpy as np
import sklearn
import xgboost as xgb
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC, LinearSVC, LinearSVR

SEED = 20261207
N_TRAIN, N_TEST, P = 600, 200, 8

rng = np.random.RandomState(SEED)
X = rng.standard_normal((N_TRAIN + N_TEST, P))
beta = np.array([1.0, -0.7, 0.5, 0.0, 0.3, 0.0, -0.2, 0.1])
signal = X @ beta + 0.4 * np.sin(3 * X[:, 0]) * X[:, 1]
noise = rng.standard_normal(N_TRAIN + N_TEST)
y_class = (signal + noise > 0).astype(np.float64)
y_reg = 0.01 * signal + 0.01 * noise
Xtr, Xte = X[:N_TRAIN], X[N_TRAIN:]

with open("data.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["split"] + [f"x{j}" for j in range(P)] + ["y_class", "y_reg"])
    for i in range(N_TRAIN + N_TEST):
        w.writerow(["train" if i < N_TRAIN else "test"] + [repr(float(v)) for v in X[i]] + [repr(float(y_class[i])), repr(float(y_reg[i]))])


def write(name, columns):
    keys = list(columns)
    with open(f"{name}.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(keys)
        for i in range(N_TEST):
            w.writerow([repr(float(columns[k][i])) for k in keys])


# XGBoost: the parameters in the order Tape's Trainer sets them (order does not matter to
# XGBoost, but the list is the same).
common = {"tree_method": "hist", "seed": 7, "nthread": 1, "max_depth": 3, "subsample": 1, "min_child_weight": 1}
boost = dict(common, objective="binary:logistic", eta=0.1, colsample_bytree=1, **{"lambda": 1}, alpha=0, gamma=0)
b = xgb.train(boost, xgb.DMatrix(Xtr, label=y_class[:N_TRAIN]), num_boost_round=50)
p = b.predict(xgb.DMatrix(Xte))
write("xgboost", {"probability": p, "class": (p > 0.5).astype(float)})

forest = dict(common, objective="binary:logistic", max_depth=6, subsample=0.632, eta=1, num_parallel_tree=20,
              colsample_bynode=0.5)
b = xgb.train(forest, xgb.DMatrix(Xtr, label=y_class[:N_TRAIN]), num_boost_round=1)
p = b.predict(xgb.DMatrix(Xte))
write("forest", {"probability": p, "class": (p > 0.5).astype(float)})

# Tape starts a regression at the training mean (XGBoost 1.7's default is 0.5); the mean
# summed in order, as Tape sums it.
y_train = y_reg[:N_TRAIN].tolist()
reg = dict(common, objective="reg:squarederror", eta=0.1, colsample_bytree=1, **{"lambda": 1}, alpha=0, gamma=0,
           base_score=sum(y_train) / len(y_train))
b = xgb.train(reg, xgb.DMatrix(Xtr, label=y_reg[:N_TRAIN]), num_boost_round=50)
write("xgboost_regression", {"prediction": b.predict(xgb.DMatrix(Xte))})

# LIBLINEAR through scikit-learn, at its default tolerance and at a tight one: logistic
# regression in its primal form (LIBLINEAR solver 0, Tape's default) and its dual form
# (solver 7, Tape's `dual 1`); the SVM and the regression in their primal forms (solvers
# 2 and 11), as Tape fits them.
for tol, suffix in [(1e-4, ""), (1e-12, "_tight")]:
    for dual, name in [(False, "logistic"), (True, "logistic_dual")]:
        lr = LogisticRegression(solver="liblinear", dual=dual, C=1.0, tol=tol, intercept_scaling=1.0, max_iter=1000)
        lr.fit(Xtr, y_class[:N_TRAIN])
        write(name + suffix, {"probability": lr.predict_proba(Xte)[:, 1], "class": lr.predict(Xte)})
    svc = LinearSVC(loss="squared_hinge", dual=False, C=1.0, tol=tol, intercept_scaling=1.0).fit(Xtr, y_class[:N_TRAIN])
    write("linear_svc" + suffix, {"decision": svc.decision_function(Xte), "class": svc.predict(Xte)})
    svr = LinearSVR(loss="squared_epsilon_insensitive", dual=False, epsilon=0.0, C=1.0, tol=tol, intercept_scaling=1.0)
    svr.fit(Xtr, y_reg[:N_TRAIN])
    write("linear_regression" + suffix, {"prediction": svr.predict(Xte)})

# LIBSVM through scikit-learn: RBF kernel, gamma 1/p (LIBSVM's own default).
for tol, suffix in [(1e-3, ""), (1e-12, "_tight")]:
    svm = SVC(kernel="rbf", C=1.0, gamma=1.0 / P, tol=tol, probability=True, random_state=0).fit(Xtr, y_class[:N_TRAIN])
    write("svm" + suffix, {"decision": svm.decision_function(Xte), "class": svm.predict(Xte),
                           "probability": svm.predict_proba(Xte)[:, 1]})

with open("versions.txt", "w") as f:
    f.write(f"numpy {np.__version__}\nscikit-learn {sklearn.__version__}\nxgboost {xgb.__version__}\n")
print("wrote fixtures with", open("versions.txt").read().replace("\n", ", "))
