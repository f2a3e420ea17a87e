"""Placeholder until this screen is built."""

import streamlit as st

st.title("Coming soon")
